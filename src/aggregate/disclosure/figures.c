/* The figures of a publication: their signatures, one figure per set of
 * records however many tables print it, and the sums a reader can do with
 * them, derived from the complete levels of the tables. */
#include "disclosure_internal.h"

#include <assert.h>
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ob_status
ob_dc_new(ob_dc **out, int64_t threshold, ob_error *error)
{
    *out = NULL;
    ob_dc *dc = calloc(1, sizeof *dc);
    if (dc == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    dc->threshold = threshold > 0 ? threshold : 0;
    glp_term_out(GLP_OFF); /* GLPK speaks only through our errors */
    *out = dc;
    return OB_OK;
}

static void
terms_free(dc_term *terms, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(terms[i].name);
        free(terms[i].value);
        free(terms[i].folded);
    }
    free(terms);
}

void
ob_dc_free(ob_dc *dc)
{
    if (dc == NULL)
        return;
    for (size_t i = 0; i < dc->figure_count; i++)
        terms_free(dc->figures[i].terms, dc->figures[i].term_count);
    free(dc->figures);
    free(dc->slots);
    for (size_t i = 0; i < dc->level_count; i++) {
        terms_free(dc->levels[i].base, dc->levels[i].base_count);
        free(dc->levels[i].ids);
    }
    free(dc->levels);
    for (size_t i = 0; i < dc->equation_count; i++)
        free(dc->equations[i].members);
    free(dc->equations);
    free(dc);
}

bool
dc_is_hidden(const dc_figure *f)
{
    return f->protection != OB_PUBLISHED;
}

bool
dc_is_upstream_only(const dc_figure *f)
{
    return f->reported == 0 && f->below > 0;
}

void
dc_primary_range(int64_t *low, int64_t *high, const ob_dc *dc,
                 const dc_figure *f)
{
    /* "<K" is decided on the reported part: with upstream "<N" parts in
     * it, that part can be 0, and the whole can pass K - 1. */
    *low = f->below > 0 ? 0 : 1;
    *high = dc->threshold - 1;
}

/* ---- terms -------------------------------------------------------------- */

/* TEXT folded as the cube compares names: ASCII lower case, runs of white
 * space as one space, none at the ends; IS_COLUMN also takes ' ' and '-'
 * as '_'. */
static char *
fold(const char *text, bool is_column)
{
    char *out = malloc(strlen(text) + 1);
    if (out == NULL)
        return NULL;
    size_t used = 0;
    for (const char *p = text; *p != '\0'; p++) {
        char c = *p;
        bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (is_column && (is_space || c == '-')) {
            out[used++] = '_';
            continue;
        }
        if (is_space) {
            if (used > 0 && out[used - 1] != ' ')
                out[used++] = ' ';
            continue;
        }
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        out[used++] = c;
    }
    if (!is_column && used > 0 && out[used - 1] == ' ')
        used--;
    out[used] = '\0';
    return out;
}

static bool
is_regional(ob_key key)
{
    return key == OB_KEY_REGION || key == OB_KEY_SUBREGION
           || key == OB_KEY_INTERPOL;
}

static bool
same_text(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* The region of KEY that COUNTRY (NULL: not attributed) lies in, folded;
 * NULL for none. */
static const char *
region_of(ob_key key, const ob_country *country)
{
    if (country == NULL)
        return NULL;
    const char *region = key == OB_KEY_REGION      ? country->m49_region
                         : key == OB_KEY_SUBREGION ? country->m49_subregion
                                                   : country->interpol_region;
    return region[0] != '\0' ? region : NULL;
}

/* Region names compare as folded text; the country table's are plain
 * ASCII words, folded here on the fly. */
static bool
same_region(const char *folded, const char *region)
{
    if (folded == NULL || region == NULL)
        return folded == region;
    for (;; folded++, region++) {
        char c = *region;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (*folded != c)
            return false;
        if (c == '\0')
            return true;
    }
}

static int
compare_terms(const void *a, const void *b)
{
    const dc_term *x = a;
    const dc_term *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->name == NULL || y->name == NULL)
        return 0;
    return strcmp(x->name, y->name);
}

static ob_status
copy_terms(dc_term **out, size_t *out_count, const ob_dc_term *terms,
           size_t count, ob_error *error)
{
    *out = NULL;
    *out_count = 0;
    dc_term *copy = calloc(count ? count : 1, sizeof *copy);
    if (copy == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        dc_term *t = &copy[i];
        t->key = terms[i].key;
        bool is_code = t->key == OB_KEY_COUNTRY
                       || t->key == OB_KEY_CITIZENSHIP;
        bool is_failed = false;
        if (t->key == OB_KEY_EXTRA) {
            assert(terms[i].name != NULL);
            t->name = fold(terms[i].name, true);
            is_failed = t->name == NULL;
        }
        if (terms[i].value != NULL) {
            t->value = strdup(terms[i].value);
            t->folded = is_code ? strdup(terms[i].value)
                                : fold(terms[i].value, false);
            is_failed = is_failed || t->value == NULL || t->folded == NULL;
            if (t->key == OB_KEY_COUNTRY && t->value != NULL)
                t->country = ob_country_find(t->value, strlen(t->value));
        }
        if (is_failed) {
            terms_free(copy, count);
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        }
    }
    qsort(copy, count, sizeof *copy, compare_terms);
    /* A country's regions are implied by it: drop them, so that "region
     * Africa, country NGA" and "country NGA" are one figure. */
    const dc_term *country = NULL;
    for (size_t i = 0; i < count; i++) {
        if (copy[i].key == OB_KEY_COUNTRY
            && (copy[i].country != NULL || copy[i].folded == NULL))
            country = &copy[i];
    }
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        bool is_implied = country != NULL && is_regional(copy[i].key)
                          && same_region(copy[i].folded,
                                         region_of(copy[i].key,
                                                   country->country));
        if (is_implied) {
            free(copy[i].name);
            free(copy[i].value);
            free(copy[i].folded);
            continue;
        }
        copy[kept++] = copy[i];
    }
    *out = copy;
    *out_count = kept;
    return OB_OK;
}

/* Whether term G (of a finer figure) says that term T holds. */
static bool
term_implies(const dc_term *g, const dc_term *t)
{
    if (g->key == t->key)
        return same_text(g->name, t->name) && same_text(g->folded, t->folded);
    if (g->key == OB_KEY_COUNTRY && is_regional(t->key)
        && (g->country != NULL || g->folded == NULL))
        return same_region(t->folded, region_of(t->key, g->country));
    return false;
}

/* Whether terms G and T cannot both hold. */
static bool
terms_clash(const dc_term *g, const dc_term *t)
{
    if (g->key == t->key)
        return same_text(g->name, t->name)
               && !same_text(g->folded, t->folded);
    if (g->key == OB_KEY_COUNTRY && is_regional(t->key)
        && (g->country != NULL || g->folded == NULL))
        return !same_region(t->folded, region_of(t->key, g->country));
    if (t->key == OB_KEY_COUNTRY)
        return terms_clash(t, g);
    return false;
}

/* Whether every record of signature G is one of signature F. */
static bool
signature_implies(const dc_term *g, size_t g_count, const dc_term *f,
                  size_t f_count)
{
    for (size_t i = 0; i < f_count; i++) {
        bool is_implied = false;
        for (size_t j = 0; j < g_count && !is_implied; j++)
            is_implied = term_implies(&g[j], &f[i]);
        if (!is_implied)
            return false;
    }
    return true;
}

static bool
signatures_clash(const dc_term *g, size_t g_count, const dc_term *f,
                 size_t f_count)
{
    for (size_t i = 0; i < f_count; i++) {
        for (size_t j = 0; j < g_count; j++) {
            if (terms_clash(&g[j], &f[i]))
                return true;
        }
    }
    return false;
}

static bool
same_signature(const dc_term *a, size_t a_count, const dc_term *b,
               size_t b_count)
{
    if (a_count != b_count)
        return false;
    for (size_t i = 0; i < a_count; i++) {
        if (a[i].key != b[i].key || !same_text(a[i].name, b[i].name)
            || !same_text(a[i].folded, b[i].folded))
            return false;
    }
    return true;
}

static uint64_t
hash_text(uint64_t hash, const char *text)
{
    if (text == NULL)
        return (hash ^ 0xff) * 0x100000001b3u;
    for (const char *p = text; *p != '\0'; p++)
        hash = (hash ^ (unsigned char)*p) * 0x100000001b3u;
    return (hash ^ 0xfe) * 0x100000001b3u;
}

static uint64_t
hash_signature(const dc_term *terms, size_t count)
{
    uint64_t hash = 0xcbf29ce484222325u;
    for (size_t i = 0; i < count; i++) {
        hash = (hash ^ (uint64_t)terms[i].key) * 0x100000001b3u;
        hash = hash_text(hash, terms[i].name);
        hash = hash_text(hash, terms[i].folded);
    }
    return hash;
}

static ob_status
rehash(ob_dc *dc, ob_error *error)
{
    size_t slot_count = dc->slot_count ? dc->slot_count * 2 : 64;
    size_t *slots = calloc(slot_count, sizeof *slots);
    if (slots == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < dc->figure_count; i++) {
        const dc_figure *f = &dc->figures[i];
        size_t s = hash_signature(f->terms, f->term_count) & (slot_count - 1);
        while (slots[s] != 0)
            s = (s + 1) & (slot_count - 1);
        slots[s] = i + 1;
    }
    free(dc->slots);
    dc->slots = slots;
    dc->slot_count = slot_count;
    return OB_OK;
}

/* The figure with signature TERMS, or SIZE_MAX. */
static size_t
find_figure(const ob_dc *dc, const dc_term *terms, size_t count)
{
    if (dc->slot_count == 0)
        return SIZE_MAX;
    size_t s = hash_signature(terms, count) & (dc->slot_count - 1);
    for (; dc->slots[s] != 0; s = (s + 1) & (dc->slot_count - 1)) {
        const dc_figure *f = &dc->figures[dc->slots[s] - 1];
        if (same_signature(f->terms, f->term_count, terms, count))
            return dc->slots[s] - 1;
    }
    return SIZE_MAX;
}

static void
describe_terms(char *out, size_t out_size, const dc_term *terms,
               size_t count)
{
    if (count == 0) {
        snprintf(out, out_size, "total");
        return;
    }
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count && used < out_size; i++) {
        const char *key = terms[i].key == OB_KEY_EXTRA ? terms[i].name
                                                       : ob_key_name(
                                                           terms[i].key);
        int n = snprintf(out + used, out_size - used, "%s%s %s",
                         i > 0 ? ", " : "", key,
                         terms[i].value ? terms[i].value : "(none)");
        if (n < 0)
            return;
        used += (size_t)n;
    }
}

void
ob_dc_describe(char *out, size_t out_size, const ob_dc *dc, size_t id)
{
    assert(id < dc->figure_count);
    describe_terms(out, out_size, dc->figures[id].terms,
                   dc->figures[id].term_count);
}

static void
figure_value_text(char *out, size_t out_size, const dc_figure *f)
{
    if (f->is_fixed && dc_is_hidden(f))
        snprintf(out, out_size, "%s",
                 f->protection == OB_SUPPRESSED_PRIMARY ? "hidden (<K)"
                                                        : "hidden (x)");
    else if (!f->has_value)
        snprintf(out, out_size, "no value");
    else
        snprintf(out, out_size, "%lld", (long long)f->value);
}

/* Whether the two sightings of one figure agree: a value shown twice is
 * the same value; a hidden fixed figure says nothing to compare. */
static bool
figures_agree(const dc_figure *a, const ob_dc_figure *b)
{
    bool a_known = !(a->is_fixed && dc_is_hidden(a));
    bool b_known = !(b->is_fixed && b->protection != OB_PUBLISHED);
    if (!a_known || !b_known)
        return true;
    if (a->has_value != b->has_value)
        return false;
    return !a->has_value || a->value == b->value;
}

ob_status
ob_dc_add(size_t *id, ob_dc *dc, const ob_dc_figure *figure,
          ob_error *error)
{
    dc_term *terms;
    size_t count;
    ob_status status = copy_terms(&terms, &count, figure->terms,
                                  figure->term_count, error);
    if (status != OB_OK)
        return status;
    size_t found = find_figure(dc, terms, count);
    if (found != SIZE_MAX) {
        dc_figure *f = &dc->figures[found];
        if (!figures_agree(f, figure)) {
            char where[256];
            char was[64];
            describe_terms(where, sizeof where, terms, count);
            figure_value_text(was, sizeof was, f);
            terms_free(terms, count);
            return ob_error_set(error, OB_ERR_DATA,
                                "the victims of %s are given as %s and as "
                                "%lld",
                                where, was,
                                (long long)(figure->has_value ? figure->value
                                                              : 0));
        }
        terms_free(terms, count);
        /* A fixed sighting makes the figure fixed; a hidden fixed one
         * gives way to one that carries the value. */
        if (figure->is_fixed && !f->is_fixed) {
            f->is_fixed = true;
            f->protection = figure->protection;
        }
        if (f->is_fixed && dc_is_hidden(f) && !figure->is_fixed) {
            f->has_value = figure->has_value;
            f->value = figure->value;
            f->reported = figure->reported;
            f->below = figure->below;
        }
        f->appearances += 1 + figure->extra_appearances;
        *id = found;
        return OB_OK;
    }
    if (2 * (dc->figure_count + 1) > dc->slot_count) {
        status = rehash(dc, error);
        if (status != OB_OK) {
            terms_free(terms, count);
            return status;
        }
    }
    dc_figure *figures = ob_grow(dc->figures, &dc->figure_capacity,
                                 dc->figure_count + 1, sizeof *figures, 64);
    if (figures == NULL) {
        terms_free(terms, count);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    dc->figures = figures;
    dc_figure *f = &dc->figures[dc->figure_count];
    memset(f, 0, sizeof *f);
    f->terms = terms;
    f->term_count = count;
    f->has_value = figure->has_value;
    f->value = figure->has_value ? figure->value : 0;
    f->reported = figure->reported;
    f->below = figure->below;
    f->is_fixed = figure->is_fixed;
    f->protection = figure->is_fixed ? figure->protection : OB_PUBLISHED;
    f->appearances = 1 + figure->extra_appearances;
    size_t s = hash_signature(terms, count) & (dc->slot_count - 1);
    while (dc->slots[s] != 0)
        s = (s + 1) & (dc->slot_count - 1);
    dc->slots[s] = dc->figure_count + 1;
    *id = dc->figure_count++;
    dc->has_equations = false;
    return OB_OK;
}

ob_status
ob_dc_add_level(ob_dc *dc, const ob_dc_term *base, size_t base_count,
                const size_t *ids, size_t count, ob_error *error)
{
    dc_level *levels = ob_grow(dc->levels, &dc->level_capacity,
                               dc->level_count + 1, sizeof *levels, 8);
    if (levels == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    dc->levels = levels;
    dc_level *level = &dc->levels[dc->level_count];
    memset(level, 0, sizeof *level);
    ob_status status = copy_terms(&level->base, &level->base_count, base,
                                  base_count, error);
    if (status != OB_OK)
        return status;
    level->ids = malloc((count ? count : 1) * sizeof *level->ids);
    if (level->ids == NULL) {
        terms_free(level->base, level->base_count);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < count; i++) {
        assert(ids[i] < dc->figure_count);
        level->ids[i] = ids[i];
    }
    level->count = count;
    dc->level_count++;
    dc->has_equations = false;
    return OB_OK;
}

/* ---- the sums a reader knows ------------------------------------------- */

static int
compare_sizes(const void *a, const void *b)
{
    size_t x = *(const size_t *)a;
    size_t y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static bool
same_equation(const dc_equation *a, const dc_equation *b)
{
    return a->total == b->total && a->member_count == b->member_count
           && memcmp(a->members, b->members,
                     a->member_count * sizeof *a->members)
                  == 0;
}

static ob_status
add_equation(ob_dc *dc, size_t *capacity, size_t total, size_t *members,
             size_t member_count, ob_error *error)
{
    qsort(members, member_count, sizeof *members, compare_sizes);
    dc_equation candidate = {total, members, member_count};
    for (size_t i = 0; i < dc->equation_count; i++) {
        if (same_equation(&dc->equations[i], &candidate))
            return OB_OK;
    }
    dc_equation *equations = ob_grow(dc->equations, capacity,
                                     dc->equation_count + 1,
                                     sizeof *equations, 16);
    if (equations == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    dc->equations = equations;
    size_t *copy = malloc(member_count * sizeof *copy);
    if (copy == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    memcpy(copy, members, member_count * sizeof *copy);
    dc->equations[dc->equation_count++] =
        (dc_equation){total, copy, member_count};
    return OB_OK;
}

/* For figure F and level L whose base holds F's records: when every
 * figure of L that shares records with F lies inside F, F is their sum. */
ob_status
dc_derive_equations(ob_dc *dc, ob_error *error)
{
    if (dc->has_equations)
        return OB_OK;
    for (size_t i = 0; i < dc->equation_count; i++)
        free(dc->equations[i].members);
    dc->equation_count = 0;
    size_t capacity = 0;
    free(dc->equations);
    dc->equations = NULL;
    size_t largest = 1;
    for (size_t l = 0; l < dc->level_count; l++) {
        if (dc->levels[l].count > largest)
            largest = dc->levels[l].count;
    }
    size_t *members = malloc(largest * sizeof *members);
    if (members == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    ob_status status = OB_OK;
    for (size_t l = 0; l < dc->level_count && status == OB_OK; l++) {
        const dc_level *level = &dc->levels[l];
        for (size_t fi = 0; fi < dc->figure_count && status == OB_OK; fi++) {
            const dc_figure *f = &dc->figures[fi];
            if (!signature_implies(f->terms, f->term_count, level->base,
                                   level->base_count))
                continue;
            size_t member_count = 0;
            bool is_sum = true;
            for (size_t k = 0; k < level->count && is_sum; k++) {
                const dc_figure *g = &dc->figures[level->ids[k]];
                if (signatures_clash(g->terms, g->term_count, f->terms,
                                     f->term_count))
                    continue;
                is_sum = signature_implies(g->terms, g->term_count, f->terms,
                                           f->term_count);
                members[member_count++] = level->ids[k];
            }
            if (!is_sum || member_count == 0
                || (member_count == 1 && members[0] == fi))
                continue;
            status = add_equation(dc, &capacity, fi, members, member_count,
                                  error);
        }
    }
    free(members);
    if (status == OB_OK)
        dc->has_equations = true;
    return status;
}

/* ---- results ------------------------------------------------------------ */

ob_protection
ob_dc_protection(const ob_dc *dc, size_t id)
{
    assert(id < dc->figure_count);
    return dc->figures[id].protection;
}

size_t
ob_dc_integer_programs(const ob_dc *dc)
{
    return dc->integer_programs;
}

size_t
ob_dc_figure_count(const ob_dc *dc)
{
    return dc->figure_count;
}

void
ob_dc_counts(const ob_dc *dc, size_t *primary, size_t *complementary)
{
    *primary = 0;
    *complementary = 0;
    for (size_t i = 0; i < dc->figure_count; i++) {
        if (dc->figures[i].is_fixed)
            continue;
        *primary += dc->figures[i].protection == OB_SUPPRESSED_PRIMARY;
        *complementary +=
            dc->figures[i].protection == OB_SUPPRESSED_COMPLEMENTARY;
    }
}
