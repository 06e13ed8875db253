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
    dc->is_linking_hidden = true;
    dc->last_protected = SIZE_MAX;
    glp_term_out(GLP_OFF); /* GLPK speaks only through our errors */
    *out = dc;
    return OB_OK;
}

static void
term_clear(dc_term *term)
{
    free(term->name);
    free(term->value);
    free(term->folded);
}

static void
terms_free(dc_term *terms, size_t count)
{
    for (size_t i = 0; i < count; i++)
        term_clear(&terms[i]);
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
    free(dc->sums_of);
    free(dc->sums_items);
    dc_program_free(dc->marks);
    free(dc->revisions);
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
    if (f->is_latent)
        return f->has_count && f->reported == 0;
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

/* The M49 region a sub-region (folded) lies in; NULL when unknown. */
static const char *
region_of_subregion(const char *folded)
{
    for (size_t i = 0; i < ob_country_count(); i++) {
        const ob_country *country = ob_country_at(i);
        if (country->m49_subregion[0] != '\0'
            && same_region(folded, country->m49_subregion))
            return country->m49_region[0] != '\0' ? country->m49_region
                                                  : NULL;
    }
    return NULL;
}

/* The bit of "no country" in a set of places. */
static size_t
no_country_bit(void)
{
    return ob_country_count();
}

static void
add_place(uint64_t *places, size_t bit)
{
    places[bit / 64] |= UINT64_C(1) << (bit % 64);
}

/* T's countries: a known country, or every country of a region (with no
 * country for "no region"); none for other keys or an unknown code. */
static void
set_places(dc_term *t)
{
    memset(t->places, 0, sizeof t->places);
    t->has_places = false;
    assert(no_country_bit() < 64 * DC_PLACE_WORDS);
    if (t->key == OB_KEY_COUNTRY) {
        if (t->folded == NULL)
            add_place(t->places, no_country_bit());
        else if (t->country != NULL)
            add_place(t->places, t->country->index);
        else
            return; /* a code the table does not know: compare as text */
        t->has_places = true;
        return;
    }
    if (!is_regional(t->key))
        return;
    t->has_places = true;
    if (t->folded == NULL)
        add_place(t->places, no_country_bit());
    for (size_t i = 0; i < ob_country_count(); i++) {
        const ob_country *country = ob_country_at(i);
        if (same_region(t->folded, region_of(t->key, country)))
            add_place(t->places, country->index);
    }
}

/* Whether a term counts as its places rather than its text. */
static bool
is_placed(const dc_term *t)
{
    return t->has_places;
}

/* The places a signature allows: the intersection of its geographic
 * terms' places. False when it has none (any place). */
static bool
places_of(uint64_t *places, const dc_term *terms, size_t count)
{
    bool has_places = false;
    for (size_t w = 0; w < DC_PLACE_WORDS; w++)
        places[w] = ~UINT64_C(0);
    for (size_t i = 0; i < count; i++) {
        if (!is_placed(&terms[i]))
            continue;
        has_places = true;
        for (size_t w = 0; w < DC_PLACE_WORDS; w++)
            places[w] &= terms[i].places[w];
    }
    return has_places;
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
copy_terms(dc_term **out, size_t *out_count, const ob_dc *dc,
           const ob_dc_term *terms, size_t count, ob_error *error)
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
            if (t->key == OB_KEY_SUBREGION && t->folded != NULL)
                t->region = region_of_subregion(t->folded);
        }
        if (is_failed) {
            terms_free(copy, count);
            return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
        }
        set_places(t);
        for (size_t w = 0; w < DC_PLACE_WORDS && dc->has_present; w++)
            t->places[w] &= dc->present[w];
    }
    qsort(copy, count, sizeof *copy, compare_terms);
    /* A term said twice (a filter and a key of one operation) is one. */
    size_t distinct = 0;
    for (size_t i = 0; i < count; i++) {
        bool is_repeat = distinct > 0
                         && copy[distinct - 1].key == copy[i].key
                         && same_text(copy[distinct - 1].name, copy[i].name)
                         && same_text(copy[distinct - 1].folded,
                                      copy[i].folded);
        if (is_repeat) {
            term_clear(&copy[i]);
            continue;
        }
        copy[distinct++] = copy[i];
    }
    count = distinct;
    /* A country's regions are implied by it: drop them, so that "region
     * Africa, country NGA" and "country NGA" are one figure. */
    const dc_term *country = NULL;
    for (size_t i = 0; i < count; i++) {
        if (copy[i].key == OB_KEY_COUNTRY
            && (copy[i].country != NULL || copy[i].folded == NULL))
            country = &copy[i];
    }
    /* So is a sub-region's region. */
    const dc_term *subregion = NULL;
    for (size_t i = 0; i < count; i++) {
        if (copy[i].key == OB_KEY_SUBREGION && copy[i].region != NULL)
            subregion = &copy[i];
    }
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        bool is_implied = (country != NULL && is_regional(copy[i].key)
                           && same_region(copy[i].folded,
                                          region_of(copy[i].key,
                                                    country->country)))
                          || (subregion != NULL
                              && copy[i].key == OB_KEY_REGION
                              && same_region(copy[i].folded,
                                             subregion->region));
        if (is_implied) {
            term_clear(&copy[i]);
            continue;
        }
        copy[kept++] = copy[i];
    }
    *out = copy;
    *out_count = kept;
    return OB_OK;
}

/* Whether term G (of a finer figure) says that term T holds; terms
 * with places are compared by places, in the signatures. */
static bool
term_implies(const dc_term *g, const dc_term *t)
{
    return g->key == t->key && same_text(g->name, t->name)
           && same_text(g->folded, t->folded);
}

/* Whether terms G and T cannot both hold. */
static bool
terms_clash(const dc_term *g, const dc_term *t)
{
    return g->key == t->key && same_text(g->name, t->name)
           && !same_text(g->folded, t->folded);
}

/* Whether every record of signature G is one of signature F. */
static bool
signature_implies(const dc_term *g, size_t g_count, const dc_term *f,
                  size_t f_count)
{
    for (size_t i = 0; i < f_count; i++) {
        if (is_placed(&f[i]))
            continue;
        bool is_implied = false;
        for (size_t j = 0; j < g_count && !is_implied; j++)
            is_implied = !is_placed(&g[j]) && term_implies(&g[j], &f[i]);
        if (!is_implied)
            return false;
    }
    uint64_t f_places[DC_PLACE_WORDS];
    if (!places_of(f_places, f, f_count))
        return true;
    uint64_t g_places[DC_PLACE_WORDS];
    if (!places_of(g_places, g, g_count))
        return false; /* G is anywhere, F only somewhere */
    for (size_t w = 0; w < DC_PLACE_WORDS; w++) {
        if (g_places[w] & ~f_places[w])
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
            if (!is_placed(&f[i]) && !is_placed(&g[j])
                && terms_clash(&g[j], &f[i]))
                return true;
        }
    }
    uint64_t f_places[DC_PLACE_WORDS];
    uint64_t g_places[DC_PLACE_WORDS];
    if (!places_of(f_places, f, f_count) || !places_of(g_places, g, g_count))
        return false;
    for (size_t w = 0; w < DC_PLACE_WORDS; w++) {
        if (g_places[w] & f_places[w])
            return false;
    }
    return true;
}

/* Whether A and B count the same records: the same other terms, and the
 * same places. */
static bool
same_signature(const dc_term *a, size_t a_count, const dc_term *b,
               size_t b_count)
{
    size_t i = 0;
    size_t j = 0;
    for (;;) {
        while (i < a_count && is_placed(&a[i]))
            i++;
        while (j < b_count && is_placed(&b[j]))
            j++;
        if (i == a_count || j == b_count)
            break;
        if (a[i].key != b[j].key || !same_text(a[i].name, b[j].name)
            || !same_text(a[i].folded, b[j].folded))
            return false;
        i++;
        j++;
    }
    if (i != a_count || j != b_count)
        return false;
    uint64_t a_places[DC_PLACE_WORDS];
    uint64_t b_places[DC_PLACE_WORDS];
    bool a_has = places_of(a_places, a, a_count);
    bool b_has = places_of(b_places, b, b_count);
    if (a_has != b_has)
        return false;
    return !a_has || memcmp(a_places, b_places, sizeof a_places) == 0;
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
        if (is_placed(&terms[i]))
            continue;
        hash = (hash ^ (uint64_t)terms[i].key) * 0x100000001b3u;
        hash = hash_text(hash, terms[i].name);
        hash = hash_text(hash, terms[i].folded);
    }
    uint64_t places[DC_PLACE_WORDS];
    if (places_of(places, terms, count)) {
        for (size_t w = 0; w < DC_PLACE_WORDS; w++)
            hash = (hash ^ places[w]) * 0x100000001b3u;
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
        if (f->is_revision)
            continue;
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
    const dc_figure *f = &dc->figures[id];
    if (f->is_revision) {
        const dc_figure *of = &dc->figures[f->revision_of];
        char where[256];
        describe_terms(where, sizeof where, of->terms, of->term_count);
        snprintf(out, out_size, "late returns to %s", where);
        return;
    }
    describe_terms(out, out_size, f->terms, f->term_count);
}

bool
ob_dc_is_revision(const ob_dc *dc, size_t id)
{
    assert(id < dc->figure_count);
    return dc->figures[id].is_revision;
}

bool
ob_dc_is_revised(const ob_dc *dc, size_t id)
{
    assert(id < dc->figure_count);
    return dc->figures[id].is_revised;
}

void
ob_dc_restrict_places(ob_dc *dc, const ob_cube *cube)
{
    assert(dc->figure_count == 0);
    memset(dc->present, 0, sizeof dc->present);
    for (size_t i = 0; i < ob_country_count(); i++) {
        const ob_country *country = ob_country_at(i);
        if (ob_cube_has_place(cube, country))
            add_place(dc->present, country->index);
    }
    if (ob_cube_has_place(cube, NULL))
        add_place(dc->present, no_country_bit());
    dc->has_present = true;
}

void
ob_dc_restrict_places_to(ob_dc *dc, const ob_country *const *countries,
                         size_t count, bool has_no_country)
{
    assert(dc->figure_count == 0);
    memset(dc->present, 0, sizeof dc->present);
    for (size_t i = 0; i < count; i++)
        add_place(dc->present, countries[i]->index);
    if (has_no_country)
        add_place(dc->present, no_country_bit());
    dc->has_present = true;
}

void
ob_dc_set_data_changes(ob_dc *dc, bool does_change)
{
    dc->is_linking_hidden = !does_change;
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

/* Whether a sighting's value is known: shown, or ours to decide. */
static bool
is_known(bool is_fixed, ob_protection protection)
{
    return !is_fixed || protection == OB_PUBLISHED;
}

static bool
same_value(const dc_figure *a, const ob_dc_figure *b)
{
    if (a->has_value != b->has_value)
        return false;
    return !a->has_value || a->value == b->value;
}

static ob_status
values_differ(ob_error *error, const dc_term *terms, size_t count,
              const dc_figure *f, const ob_dc_figure *figure)
{
    char where[256];
    char was[64];
    describe_terms(where, sizeof where, terms, count);
    figure_value_text(was, sizeof was, f);
    return ob_error_set(error, OB_ERR_DATA,
                        "the victims of %s are given as %s and as %lld",
                        where, was,
                        (long long)(figure->has_value ? figure->value : 0));
}

/* Another sighting of figure F, of the same vintage or of one known to
 * hold the same value. */
static void
merge_sighting(dc_figure *f, const ob_dc_figure *figure)
{
    /* A fixed sighting makes the figure fixed; a hidden fixed one gives
     * way to one that carries the value. */
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
    f->vintages |= UINT64_C(1) << figure->vintage;
    f->is_current |= !figure->is_fixed;
    /* One value, two counts of cells (rows of no victims came late):
     * the counts tell a reader nothing sure. */
    if (f->reported != figure->reported || f->below != figure->below)
        f->has_count = false;
}

static ob_status
new_figure(size_t *id, ob_dc *dc, ob_error *error)
{
    dc_figure *figures = ob_grow(dc->figures, &dc->figure_capacity,
                                 dc->figure_count + 1, sizeof *figures, 64);
    if (figures == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    dc->figures = figures;
    memset(&dc->figures[dc->figure_count], 0, sizeof *figures);
    *id = dc->figure_count++;
    dc->has_equations = false;
    return OB_OK;
}

/* What a reader of both vintages learns when figure NEWER and figure OLDER
 * (same records, two publications) show different values: the late
 * returns in between, |newer - older| victims. A figure of its own,
 * never printed: "<K" when it is 1 .. K-1, so that one of the two must
 * be hidden. */
static ob_status
add_revision(ob_dc *dc, size_t newer, size_t older, ob_error *error)
{
    size_t id;
    ob_status status = new_figure(&id, dc, error);
    if (status != OB_OK)
        return status;
    dc_revision *revisions = ob_grow(dc->revisions, &dc->revision_capacity,
                                     dc->revision_count + 1,
                                     sizeof *revisions, 8);
    if (revisions == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    dc->revisions = revisions;
    dc_figure *a = &dc->figures[newer];
    dc_figure *b = &dc->figures[older];
    int64_t change = a->value - b->value;
    dc_figure *r = &dc->figures[id];
    r->is_revision = true;
    r->revision_of = newer;
    r->is_fixed = true;
    r->has_value = true;
    r->value = change < 0 ? -change : change;
    r->reported = 1;
    r->protection = r->value > 0 && r->value < dc->threshold
                        ? OB_SUPPRESSED_PRIMARY
                        : OB_SUPPRESSED_COMPLEMENTARY;
    a->is_revised = true;
    /* The larger of the two is the smaller plus the late returns. */
    dc->revisions[dc->revision_count++] = change >= 0
                                              ? (dc_revision){newer, older, id}
                                              : (dc_revision){older, newer, id};
    return OB_OK;
}

/* A latent figure that a table now prints: it takes what the table
 * says of it. */
static void
become_real(dc_figure *f, const ob_dc_figure *figure)
{
    f->is_latent = false;
    f->has_count = true;
    f->is_current = !figure->is_fixed;
    f->has_value = figure->has_value;
    f->value = figure->has_value ? figure->value : 0;
    f->reported = figure->reported;
    f->below = figure->below;
    f->is_fixed = figure->is_fixed;
    f->protection = figure->is_fixed ? figure->protection : OB_PUBLISHED;
    f->appearances = 1 + figure->extra_appearances;
}

ob_status
ob_dc_add(size_t *id, ob_dc *dc, const ob_dc_figure *figure,
          ob_error *error)
{
    assert(figure->vintage < 64);
    dc_term *terms;
    size_t count;
    ob_status status = copy_terms(&terms, &count, dc, figure->terms,
                                  figure->term_count, error);
    if (status != OB_OK)
        return status;
    uint64_t bit = UINT64_C(1) << figure->vintage;
    bool is_new_known = is_known(figure->is_fixed, figure->protection);
    size_t equal = SIZE_MAX;  /* another vintage, the same value */
    size_t hidden = SIZE_MAX; /* another vintage, hidden there or here */
    size_t differing = 0;     /* other vintages, other values */
    size_t differing_latent = 0; /* other vintages, a latent on one side */
    if (dc->slot_count > 0) {
        size_t s = hash_signature(terms, count) & (dc->slot_count - 1);
        for (; dc->slots[s] != 0; s = (s + 1) & (dc->slot_count - 1)) {
            size_t found = dc->slots[s] - 1;
            dc_figure *f = &dc->figures[found];
            if (!same_signature(f->terms, f->term_count, terms, count))
                continue;
            if (figure->is_latent || f->is_latent) {
                /* A latent sum adds nothing to a figure; a figure printed
                 * at last replaces the latent one. Across vintages only
                 * when the data are the same. */
                if (!(f->vintages & bit) && !dc->is_linking_hidden) {
                    /* Two figures of one signature, each holding in its
                     * own vintage. */
                    differing_latent++;
                    continue;
                }
                terms_free(terms, count);
                if (!figure->is_latent)
                    become_real(f, figure);
                f->vintages |= bit;
                *id = found;
                return OB_OK;
            }
            bool is_old_known = is_known(f->is_fixed, f->protection);
            if (f->vintages & bit) {
                /* One publication, one figure: its sightings agree. */
                if (is_old_known && is_new_known && !same_value(f, figure)) {
                    status = values_differ(error, terms, count, f, figure);
                    terms_free(terms, count);
                    return status;
                }
                /* A value shown in one place and "<K" in another must be
                 * one a "<K" can be. */
                bool is_old_small = f->is_fixed
                                    && f->protection == OB_SUPPRESSED_PRIMARY;
                bool is_new_small = figure->is_fixed
                                    && figure->protection
                                           == OB_SUPPRESSED_PRIMARY;
                int64_t shown = is_old_known ? f->value : figure->value;
                bool is_shown = (is_old_known && is_new_small)
                                || (is_new_known && is_old_small);
                if (is_shown && dc->threshold > 0
                    && (shown >= dc->threshold || shown < 0)) {
                    char where[256];
                    describe_terms(where, sizeof where, terms, count);
                    terms_free(terms, count);
                    return ob_error_set(error, OB_ERR_DATA,
                                        "the victims of %s are given as %lld "
                                        "and as <%lld",
                                        where, (long long)shown,
                                        (long long)dc->threshold);
                }
                terms_free(terms, count);
                merge_sighting(f, figure);
                *id = found;
                return OB_OK;
            }
            if (is_old_known && is_new_known && same_value(f, figure))
                equal = found;
            else if (!is_old_known || !is_new_known)
                hidden = hidden == SIZE_MAX ? found : hidden;
            else
                differing++;
        }
    }
    if (equal == SIZE_MAX && hidden != SIZE_MAX && dc->is_linking_hidden)
        equal = hidden;
    if (equal != SIZE_MAX) {
        terms_free(terms, count);
        merge_sighting(&dc->figures[equal], figure);
        *id = equal;
        return OB_OK;
    }
    if (2 * (dc->figure_count + 1) > dc->slot_count) {
        status = rehash(dc, error);
        if (status != OB_OK) {
            terms_free(terms, count);
            return status;
        }
    }
    size_t created;
    status = new_figure(&created, dc, error);
    if (status != OB_OK) {
        terms_free(terms, count);
        return status;
    }
    dc_figure *f = &dc->figures[created];
    f->terms = terms;
    f->term_count = count;
    f->has_value = figure->has_value;
    f->value = figure->has_value ? figure->value : 0;
    f->reported = figure->reported;
    f->below = figure->below;
    f->is_fixed = figure->is_fixed;
    f->protection = figure->is_fixed ? figure->protection : OB_PUBLISHED;
    f->appearances = 1 + figure->extra_appearances;
    f->vintages = bit;
    f->is_current = !figure->is_fixed && !figure->is_latent;
    f->has_count = !figure->is_latent;
    if (figure->is_latent) {
        /* Unknown to a reader, never printed: a hidden variable. */
        f->is_latent = true;
        f->is_fixed = true;
        f->protection = OB_SUPPRESSED_COMPLEMENTARY;
        f->has_value = false;
        f->value = 0;
        f->appearances = 0;
    }
    /* Hidden in another publication, and not known to hold the same
     * value: it stays hidden, so that neither gives the other away. */
    f->must_hide = hidden != SIZE_MAX && !f->is_fixed;
    f->is_split = hidden != SIZE_MAX || differing > 0 || differing_latent > 0;
    if (f->is_split) {
        /* Each figure of the signature now holds in its own vintages. */
        size_t t = hash_signature(terms, count) & (dc->slot_count - 1);
        for (; dc->slots[t] != 0; t = (t + 1) & (dc->slot_count - 1)) {
            dc_figure *g = &dc->figures[dc->slots[t] - 1];
            if (same_signature(g->terms, g->term_count, terms, count))
                g->is_split = true;
        }
    }
    size_t s = hash_signature(terms, count) & (dc->slot_count - 1);
    while (dc->slots[s] != 0)
        s = (s + 1) & (dc->slot_count - 1);
    dc->slots[s] = created + 1;
    *id = created;
    if (differing == 0)
        return OB_OK;
    /* Every earlier value shown beside this one: a revision each. */
    s = hash_signature(terms, count) & (dc->slot_count - 1);
    for (; dc->slots[s] != 0 && status == OB_OK;
         s = (s + 1) & (dc->slot_count - 1)) {
        size_t other = dc->slots[s] - 1;
        const dc_figure *g = &dc->figures[other];
        if (other == created
            || !same_signature(g->terms, g->term_count, terms, count)
            || !is_known(g->is_fixed, g->protection))
            continue;
        status = add_revision(dc, created, other, error);
    }
    return status;
}

ob_status
ob_dc_add_latent(size_t *id, ob_dc *dc, const ob_dc_term *terms,
                 size_t count, size_t vintage, ob_error *error)
{
    ob_dc_figure latent;
    memset(&latent, 0, sizeof latent);
    latent.terms = terms;
    latent.term_count = count;
    latent.vintage = vintage;
    latent.is_latent = true;
    return ob_dc_add(id, dc, &latent, error);
}

ob_status
ob_dc_add_inner_level(ob_dc *dc, const ob_dc_term *base, size_t base_count,
                      const size_t *ids, size_t count, ob_error *error)
{
    ob_status status = ob_dc_add_level(dc, base, base_count, ids, count,
                                       error);
    if (status == OB_OK)
        dc->levels[dc->level_count - 1].is_inner = true;
    return status;
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
    ob_status status = copy_terms(&level->base, &level->base_count, dc, base,
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
    /* Two sightings of one figure in a level are one member. */
    size_t unique = 0;
    for (size_t i = 0; i < member_count; i++) {
        if (unique == 0 || members[unique - 1] != members[i])
            members[unique++] = members[i];
    }
    member_count = unique;
    for (size_t i = 0; i < member_count; i++) {
        if (members[i] == total)
            return OB_OK; /* the total among its parts: nothing to add */
    }
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

/* The cell counts a reader is given add up as the figures do: a latent
 * figure's count of reported cells follows from a sum whose other counts
 * are known. One with none has a reported part of 0, known to a reader
 * (the rest of it, if any, is upstream "<N" cells). */
static void
work_out_counts(ob_dc *dc)
{
    bool is_changed = true;
    while (is_changed) {
        is_changed = false;
        for (size_t e = 0; e < dc->equation_count; e++) {
            const dc_equation *eq = &dc->equations[e];
            size_t unknown = SIZE_MAX;
            size_t unknown_count = 0;
            for (size_t m = 0; m <= eq->member_count && unknown_count < 2;
                 m++) {
                size_t id = m < eq->member_count ? eq->members[m] : eq->total;
                if (!dc->figures[id].has_count) {
                    unknown = id;
                    unknown_count++;
                }
            }
            /* Only a latent figure's count is worked out: a printed one
             * without a count was given two (late rows between vintages). */
            if (unknown_count != 1 || !dc->figures[unknown].is_latent)
                continue;
            int64_t members = 0;
            for (size_t m = 0; m < eq->member_count; m++) {
                size_t id = eq->members[m];
                if (id != unknown)
                    members += (int64_t)dc->figures[id].reported;
            }
            int64_t count = unknown == eq->total
                                ? members
                                : (int64_t)dc->figures[eq->total].reported
                                      - members;
            if (count < 0)
                continue; /* counts that do not add up: learn nothing */
            dc->figures[unknown].reported = (size_t)count;
            dc->figures[unknown].has_count = true;
            is_changed = true;
        }
    }
}

/* A latent figure that is the total of one sum only is free there: the
 * sum tells a reader nothing (its parts are 0 or more anyway), and it
 * would tie together parts of the publication that nothing else ties.
 * Drop such sums, again while dropping makes more. A latent part is kept:
 * being 0 or more, it says the total is at least the other parts. */
static void
drop_idle_sums(ob_dc *dc)
{
    size_t n = dc->figure_count;
    size_t *uses = calloc(n ? n : 1, sizeof *uses);
    if (uses == NULL)
        return; /* keeping them is only slower, never wrong */
    bool is_changed = true;
    while (is_changed) {
        is_changed = false;
        memset(uses, 0, n * sizeof *uses);
        for (size_t e = 0; e < dc->equation_count; e++) {
            const dc_equation *eq = &dc->equations[e];
            uses[eq->total]++;
            for (size_t m = 0; m < eq->member_count; m++)
                uses[eq->members[m]]++;
        }
        size_t kept = 0;
        for (size_t e = 0; e < dc->equation_count; e++) {
            dc_equation *eq = &dc->equations[e];
            /* Only a latent total: a latent part, 0 or more, still says
             * the total is at least the other parts. */
            const dc_figure *t = &dc->figures[eq->total];
            bool is_idle = t->is_latent && uses[eq->total] == 1
                           && !dc_is_upstream_only(t);
            if (is_idle) {
                free(eq->members);
                is_changed = true;
                continue;
            }
            dc->equations[kept++] = *eq;
        }
        dc->equation_count = kept;
    }
    free(uses);
}

/* Which sums each figure is in, as lists in one array. */
static ob_status
index_sums(ob_dc *dc, ob_error *error)
{
    free(dc->sums_of);
    free(dc->sums_items);
    size_t n = dc->figure_count;
    size_t total = 0;
    for (size_t e = 0; e < dc->equation_count; e++)
        total += dc->equations[e].member_count + 1;
    dc->sums_of = calloc(n + 1, sizeof *dc->sums_of);
    dc->sums_items = malloc((total ? total : 1) * sizeof *dc->sums_items);
    size_t *fill = calloc(n + 1, sizeof *fill);
    if (dc->sums_of == NULL || dc->sums_items == NULL || fill == NULL) {
        free(fill);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    for (size_t e = 0; e < dc->equation_count; e++) {
        const dc_equation *eq = &dc->equations[e];
        dc->sums_of[eq->total + 1]++;
        for (size_t m = 0; m < eq->member_count; m++)
            dc->sums_of[eq->members[m] + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        dc->sums_of[i + 1] += dc->sums_of[i];
    for (size_t e = 0; e < dc->equation_count; e++) {
        const dc_equation *eq = &dc->equations[e];
        dc->sums_items[dc->sums_of[eq->total] + fill[eq->total]++] = e;
        for (size_t m = 0; m < eq->member_count; m++) {
            size_t id = eq->members[m];
            dc->sums_items[dc->sums_of[id] + fill[id]++] = e;
        }
    }
    free(fill);
    return OB_OK;
}

static uint64_t
vintages_of(const dc_figure *f)
{
    return f->is_split ? f->vintages : ~UINT64_C(0);
}

/* For figure F and level L whose base holds F's records: when every
 * figure of L that shares records with F lies inside F, F is their sum. */
ob_status
dc_derive_equations(ob_dc *dc, ob_error *error)
{
    if (dc->has_equations)
        return OB_OK;
    dc_forget_needs(dc); /* they were worked out with the old sums */
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
    size_t *level_of = malloc((dc->figure_count ? dc->figure_count : 1)
                              * sizeof *level_of);
    if (members == NULL || level_of == NULL) {
        free(members);
        free(level_of);
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < dc->figure_count; i++)
        level_of[i] = SIZE_MAX;
    ob_status status = OB_OK;
    for (size_t l = 0; l < dc->level_count && status == OB_OK; l++) {
        const dc_level *level = &dc->levels[l];
        /* A figure of the level is the sum of itself alone (its fellows
         * are disjoint from it): no sum to find, and on a large table
         * the most of the work. */
        for (size_t k = 0; k < level->count; k++)
            level_of[level->ids[k]] = l;
        /* A level holds in the vintages its figures were all seen in. A
         * figure is taken to hold in every vintage, unless two vintages
         * show it with two values (or one hides it while the data
         * changed): each of its figures then holds in its own. */
        uint64_t vintages = ~UINT64_C(0);
        for (size_t k = 0; k < level->count; k++)
            vintages &= dc->figures[level->ids[k]].vintages;
        for (size_t fi = 0; fi < dc->figure_count && status == OB_OK; fi++) {
            const dc_figure *f = &dc->figures[fi];
            if (level_of[fi] == l || f->is_revision
                || (vintages_of(f) & vintages) == 0
                || !signature_implies(f->terms, f->term_count, level->base,
                                      level->base_count))
                continue;
            if (level->is_inner
                && signature_implies(level->base, level->base_count,
                                     f->terms, f->term_count))
                continue; /* the base itself: summed by its partitions */
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
            bool has_itself = false;
            for (size_t k = 0; k < member_count; k++)
                has_itself = has_itself || members[k] == fi;
            if (!is_sum || member_count == 0 || has_itself)
                continue;
            status = add_equation(dc, &capacity, fi, members, member_count,
                                  error);
        }
    }
    for (size_t r = 0; r < dc->revision_count && status == OB_OK; r++) {
        const dc_revision *revision = &dc->revisions[r];
        size_t pair[2] = {revision->smaller, revision->change};
        status = add_equation(dc, &capacity, revision->larger, pair, 2,
                              error);
    }
    free(members);
    free(level_of);
    if (status == OB_OK)
        work_out_counts(dc);
    if (status == OB_OK)
        drop_idle_sums(dc);
    if (status == OB_OK)
        status = index_sums(dc, error);
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

int64_t
ob_dc_threshold(const ob_dc *dc)
{
    return dc->threshold;
}

size_t
ob_dc_integer_programs(const ob_dc *dc)
{
    return dc->integer_programs;
}

size_t
ob_dc_figure_count(const ob_dc *dc)
{
    size_t count = 0;
    for (size_t i = 0; i < dc->figure_count; i++)
        count += !dc->figures[i].is_revision && !dc->figures[i].is_latent;
    return count;
}

void
ob_dc_counts(const ob_dc *dc, size_t *primary, size_t *complementary)
{
    *primary = 0;
    *complementary = 0;
    for (size_t i = 0; i < dc->figure_count; i++) {
        if (!dc->figures[i].is_current || dc->figures[i].is_revision
            || dc->figures[i].is_latent)
            continue;
        *primary += dc->figures[i].protection == OB_SUPPRESSED_PRIMARY;
        *complementary +=
            dc->figures[i].protection == OB_SUPPRESSED_COMPLEMENTARY;
    }
}
