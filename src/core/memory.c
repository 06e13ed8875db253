/* Growing arrays. */
#include "opbrief/core.h"

#include <stdint.h>
#include <stdlib.h>

void *
ob_grow(void *items, size_t *capacity, size_t needed, size_t item_size,
        size_t first)
{
    if (needed <= *capacity)
        return items;
    size_t new_capacity = *capacity ? *capacity : (first ? first : 1);
    while (new_capacity < needed) {
        if (new_capacity > SIZE_MAX / 2 / item_size)
            return NULL;
        new_capacity *= 2;
    }
    if (new_capacity > SIZE_MAX / item_size)
        return NULL;
    void *bigger = realloc(items, new_capacity * item_size);
    if (bigger != NULL)
        *capacity = new_capacity;
    return bigger;
}
