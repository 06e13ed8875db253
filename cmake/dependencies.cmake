# Outside libraries. Each one is linked only by the stage that uses it.
find_package(PkgConfig REQUIRED)
pkg_check_modules(GSL REQUIRED IMPORTED_TARGET gsl)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf cairo-svg cairo-png)

# libcsv ships no pkg-config file.
find_path(LIBCSV_INCLUDE_DIR csv.h REQUIRED)
find_library(LIBCSV_LIBRARY csv REQUIRED)
add_library(ob_libcsv INTERFACE)
target_include_directories(ob_libcsv INTERFACE ${LIBCSV_INCLUDE_DIR})
target_link_libraries(ob_libcsv INTERFACE ${LIBCSV_LIBRARY})

# GLPK ships no pkg-config file either.
find_path(GLPK_INCLUDE_DIR glpk.h REQUIRED)
find_library(GLPK_LIBRARY glpk REQUIRED)
add_library(ob_glpk INTERFACE)
target_include_directories(ob_glpk INTERFACE ${GLPK_INCLUDE_DIR})
target_link_libraries(ob_glpk INTERFACE ${GLPK_LIBRARY})
