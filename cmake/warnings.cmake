# One warning list for every target, and the sanitizer switch.
add_library(ob_warnings INTERFACE)
target_compile_options(ob_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wconversion -Wsign-conversion
  -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition
  -Wcast-qual -Wpointer-arith -Wwrite-strings -Wundef -Wvla
  -Wnull-dereference -Wdouble-promotion -Wimplicit-fallthrough)
if(OB_WERROR)
  target_compile_options(ob_warnings INTERFACE -Werror)
endif()
# POSIX.1-2008 for fdopen, fsync, mkstemp, strnlen.
target_compile_definitions(ob_warnings INTERFACE _POSIX_C_SOURCE=200809L)

if(OB_SANITIZE)
  add_compile_options(-fsanitize=${OB_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${OB_SANITIZE})
endif()

# Coverage for libFuzzer in every library the fuzz target reaches.
if(OB_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
