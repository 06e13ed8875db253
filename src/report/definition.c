/* Report definitions: JSON read with jansson and checked key by key, with
 * every mistake reported at its line and column. */
#include "opbrief/report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const unsigned char ob_report_operation_json[];
extern const size_t ob_report_operation_json_size;
extern const unsigned char ob_report_article_json[];
extern const size_t ob_report_article_json_size;
extern const unsigned char ob_report_monthly_json[];
extern const size_t ob_report_monthly_json_size;

const char *
ob_report_builtin_text(ob_builtin_report builtin, size_t *size)
{
    switch (builtin) {
    case OB_REPORT_ARTICLE:
        *size = ob_report_article_json_size;
        return (const char *)ob_report_article_json;
    case OB_REPORT_MONTHLY:
        *size = ob_report_monthly_json_size;
        return (const char *)ob_report_monthly_json;
    case OB_REPORT_OPERATION:
        break;
    }
    *size = ob_report_operation_json_size;
    return (const char *)ob_report_operation_json;
}

/* What a reader of the definition needs to place a mistake: the text, to
 * find where a key stands (jansson keeps no positions of values). */
typedef struct source_text {
    const char *name;
    const char *text;
    size_t size;
} source_text;

/* Line and column of the Nth (0-based) occurrence of "KEY" as a key (a
 * colon after it) in the text; 1:1 when it is not found. */
static void
locate_key(size_t *line, size_t *column, const source_text *source,
           const char *key, size_t occurrence)
{
    char quoted[96];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    size_t quoted_length = strlen(quoted);
    *line = 1;
    *column = 1;
    size_t seen = 0;
    size_t current_line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i + quoted_length <= source->size; i++) {
        if (source->text[i] == '\n') {
            current_line++;
            line_start = i + 1;
            continue;
        }
        if (memcmp(source->text + i, quoted, quoted_length) != 0)
            continue;
        size_t after = i + quoted_length;
        while (after < source->size
               && (source->text[after] == ' ' || source->text[after] == '\t'))
            after++;
        if (after >= source->size || source->text[after] != ':')
            continue; /* a value, not a key */
        if (seen++ == occurrence) {
            *line = current_line;
            *column = i - line_start + 1;
            return;
        }
    }
}

static ob_status
fail_at_key(ob_error *error, const source_text *source, const char *key,
            size_t occurrence, const char *message)
{
    size_t line;
    size_t column;
    locate_key(&line, &column, source, key, occurrence);
    return ob_error_set(error, OB_ERR_CONFIG, "%s:%zu:%zu: %s", source->name,
                        line, column, message);
}

static char *
copy_string(const char *text)
{
    size_t length = strlen(text);
    char *copy = malloc(length + 1);
    if (copy != NULL)
        memcpy(copy, text, length + 1);
    return copy;
}

/* Read the string KEY of OBJECT into *OUT (NULL when absent). */
static ob_status
take_string(char **out, json_t *object, const char *key,
            const source_text *source, size_t occurrence, ob_error *error)
{
    json_t *value = json_object_get(object, key);
    *out = NULL;
    if (value == NULL)
        return OB_OK;
    if (!json_is_string(value)) {
        char message[160];
        snprintf(message, sizeof message, "\"%s\" must be a string", key);
        return fail_at_key(error, source, key, occurrence, message);
    }
    *out = copy_string(json_string_value(value));
    if (*out == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    return OB_OK;
}

static ob_status
take_number(double *out, json_t *object, const char *key, double low,
            double high, const source_text *source, ob_error *error)
{
    json_t *value = json_object_get(object, key);
    if (value == NULL)
        return OB_OK;
    double number = json_is_number(value) ? json_number_value(value) : -1e300;
    if (!(number >= low && number <= high)) {
        char message[160];
        snprintf(message, sizeof message,
                 "\"%s\" must be a number from %g to %g", key, low, high);
        return fail_at_key(error, source, key, 0, message);
    }
    *out = number;
    return OB_OK;
}

/* Keys that an object may hold: anything else is a mistake, most likely
 * a misspelt key that would otherwise be ignored in silence. */
static ob_status
check_keys(json_t *object, const char *const *allowed,
           const source_text *source, const char *where, ob_error *error)
{
    const char *key;
    json_t *value;
    json_object_foreach(object, key, value)
    {
        bool is_known = false;
        for (size_t i = 0; allowed[i] != NULL && !is_known; i++)
            is_known = strcmp(key, allowed[i]) == 0;
        if (!is_known) {
            char message[200];
            snprintf(message, sizeof message, "\"%s\" is not a key of %s",
                     key, where);
            return fail_at_key(error, source, key, 0, message);
        }
    }
    return OB_OK;
}

static const char *const section_types[] = {
    "title",         "summary",    "chart",  "breakdowns",
    "country_table", "comparison", "method", "month"};
static const char *const chart_kinds[] = {"bars",   "grouped", "stacked",
                                          "series", "kpi",     "table"};

static ob_status
read_section(ob_section *section, json_t *item, bool is_article,
             size_t index, const source_text *source, ob_error *error)
{
    static const char *const allowed[] = {"type",    "title", "name",
                                          "chart",   "measure", "by",
                                          "top",     "months", NULL};
    ob_status status = check_keys(item, allowed, source, "a section", error);
    if (status != OB_OK)
        return status;
    char *type = NULL;
    status = take_string(&type, item, "type", source, index, error);
    if (status != OB_OK)
        return status;
    section->type = OB_SECTION_CHART;
    if (type != NULL) {
        bool is_known = false;
        for (size_t i = 0; i < sizeof section_types / sizeof section_types[0];
             i++) {
            if (strcmp(type, section_types[i]) == 0) {
                section->type = (ob_section_type)i;
                is_known = true;
            }
        }
        if (!is_known) {
            char message[200];
            snprintf(message, sizeof message,
                     "\"%s\" is not a type of section (title, summary, "
                     "chart, breakdowns, country_table, comparison, method, "
                     "month)",
                     type);
            free(type);
            return fail_at_key(error, source, "type", index, message);
        }
        free(type);
    } else if (!is_article) {
        return fail_at_key(error, source, "sections", 0,
                           "a section has no \"type\"");
    }
    if ((status = take_string(&section->title, item, "title", source, 0,
                              error))
            != OB_OK
        || (status = take_string(&section->name, item, "name", source, 0,
                                 error))
               != OB_OK
        || (status = take_string(&section->chart, item, "chart", source, 0,
                                 error))
               != OB_OK
        || (status = take_string(&section->measure, item, "measure", source,
                                 0, error))
               != OB_OK
        || (status = take_string(&section->by, item, "by", source, 0, error))
               != OB_OK)
        return status;
    double top = 0;
    status = take_number(&top, item, "top", 0, 1000, source, error);
    if (status != OB_OK)
        return status;
    section->top = (size_t)top;
    double months = 0;
    status = take_number(&months, item, "months", 0, 120, source, error);
    if (status != OB_OK)
        return status;
    section->months = (size_t)months;
    if (section->type == OB_SECTION_CHART) {
        bool is_known = false;
        for (size_t i = 0; section->chart != NULL
                           && i < sizeof chart_kinds / sizeof chart_kinds[0];
             i++)
            is_known |= strcmp(section->chart, chart_kinds[i]) == 0;
        if (!is_known)
            return fail_at_key(error, source, section->chart ? "chart"
                                                             : "sections",
                               0,
                               "a chart section needs \"chart\": bars, "
                               "grouped, stacked, series, kpi or table");
    }
    if (is_article && section->name == NULL)
        return fail_at_key(error, source, "charts", 0,
                           "every chart of an article set needs a \"name\"");
    return OB_OK;
}

static ob_status
read_report(ob_report *report, json_t *root, const source_text *source,
            ob_error *error)
{
    static const char *const allowed[] = {
        "title",       "subtitle", "issuing_unit", "classification",
        "source",      "suppress_below", "thousands", "page_size",
        "sections",    "charts",   "scales",       "formats",
        "width",       "height",   NULL};
    if (!json_is_object(root))
        return ob_error_set(error, OB_ERR_CONFIG,
                            "%s:1:1: a report definition is a JSON object",
                            source->name);
    ob_status status = check_keys(root, allowed, source,
                                  "a report definition", error);
    if (status != OB_OK)
        return status;
    if ((status = take_string(&report->title, root, "title", source, 0,
                              error))
            != OB_OK
        || (status = take_string(&report->subtitle, root, "subtitle", source,
                                 0, error))
               != OB_OK
        || (status = take_string(&report->issuing_unit, root, "issuing_unit",
                                 source, 0, error))
               != OB_OK
        || (status = take_string(&report->classification, root,
                                 "classification", source, 0, error))
               != OB_OK
        || (status = take_string(&report->source, root, "source", source, 0,
                                 error))
               != OB_OK)
        return status;
    double threshold = 10;
    status = take_number(&threshold, root, "suppress_below", 0, 1000000,
                         source, error);
    if (status != OB_OK)
        return status;
    report->suppress_below = (int64_t)threshold;
    status = take_number(&report->width, root, "width", 100, 10000, source,
                         error);
    if (status == OB_OK)
        status = take_number(&report->height, root, "height", 100, 10000,
                             source, error);
    if (status != OB_OK)
        return status;

    json_t *thousands = json_object_get(root, "thousands");
    snprintf(report->thousands, sizeof report->thousands, ",");
    if (thousands != NULL) {
        const char *text = json_is_string(thousands)
                               ? json_string_value(thousands)
                               : "?";
        if (strcmp(text, ",") == 0 || strcmp(text, ".") == 0)
            snprintf(report->thousands, sizeof report->thousands, "%s", text);
        else if (strcmp(text, " ") == 0)
            snprintf(report->thousands, sizeof report->thousands,
                     "\xE2\x80\xAF");
        else
            return fail_at_key(error, source, "thousands", 0,
                               "\"thousands\" must be \",\", \".\" or \" \"");
    }
    json_t *page = json_object_get(root, "page_size");
    if (page != NULL) {
        const char *text = json_is_string(page) ? json_string_value(page)
                                                : "?";
        if (strcmp(text, "Letter") == 0)
            report->is_letter = true;
        else if (strcmp(text, "A4") != 0)
            return fail_at_key(error, source, "page_size", 0,
                               "\"page_size\" must be \"A4\" or \"Letter\"");
    }
    json_t *scales = json_object_get(root, "scales");
    report->scales[0] = 1;
    report->scale_count = 1;
    if (scales != NULL) {
        if (!json_is_array(scales) || json_array_size(scales) == 0
            || json_array_size(scales) > 4)
            return fail_at_key(error, source, "scales", 0,
                               "\"scales\" must be a list of 1 to 4 numbers");
        report->scale_count = json_array_size(scales);
        for (size_t i = 0; i < report->scale_count; i++) {
            json_t *value = json_array_get(scales, i);
            double scale = json_is_number(value) ? json_number_value(value)
                                                 : 0;
            if (!(scale >= 0.25 && scale <= 8))
                return fail_at_key(error, source, "scales", 0,
                                   "a scale must be a number from 0.25 to 8");
            report->scales[i] = scale;
        }
    }
    json_t *formats = json_object_get(root, "formats");
    report->has_png = true;
    if (formats != NULL) {
        report->has_png = false;
        if (!json_is_array(formats) || json_array_size(formats) == 0)
            return fail_at_key(error, source, "formats", 0,
                               "\"formats\" must be a list of png, svg, pdf");
        size_t i;
        json_t *value;
        json_array_foreach(formats, i, value)
        {
            const char *text = json_is_string(value)
                                   ? json_string_value(value)
                                   : "?";
            if (strcmp(text, "png") == 0)
                report->has_png = true;
            else if (strcmp(text, "svg") == 0)
                report->has_svg = true;
            else if (strcmp(text, "pdf") == 0)
                report->has_pdf = true;
            else
                return fail_at_key(error, source, "formats", 0,
                                   "\"formats\" must be a list of png, svg, "
                                   "pdf");
        }
    }
    bool is_article = json_object_get(root, "charts") != NULL;
    json_t *sections = json_object_get(root, is_article ? "charts"
                                                        : "sections");
    if (sections == NULL || !json_is_array(sections)
        || json_array_size(sections) == 0)
        return ob_error_set(error, OB_ERR_CONFIG,
                            "%s:1:1: a report definition needs a list of "
                            "\"sections\" (a briefing) or \"charts\" (an "
                            "article set)",
                            source->name);
    report->section_count = json_array_size(sections);
    report->sections = calloc(report->section_count,
                              sizeof *report->sections);
    if (report->sections == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    size_t typed = 0;
    for (size_t i = 0; i < report->section_count; i++) {
        json_t *item = json_array_get(sections, i);
        if (!json_is_object(item))
            return fail_at_key(error, source,
                               is_article ? "charts" : "sections", 0,
                               "every section is a JSON object");
        status = read_section(&report->sections[i], item, is_article, typed,
                              source, error);
        if (json_object_get(item, "type") != NULL)
            typed++;
        if (status != OB_OK)
            return status;
    }
    return OB_OK;
}

void
ob_report_free(ob_report *report)
{
    if (report == NULL)
        return;
    for (size_t i = 0; i < report->section_count; i++) {
        ob_section *section = &report->sections[i];
        free(section->title);
        free(section->name);
        free(section->chart);
        free(section->measure);
        free(section->by);
    }
    free(report->sections);
    free(report->path);
    free(report->title);
    free(report->subtitle);
    free(report->issuing_unit);
    free(report->classification);
    free(report->source);
    free(report);
}

static ob_status
read_file(char **text, size_t *size, const char *path, ob_error *error)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return ob_error_set(error, OB_ERR_NOINPUT, "%s: cannot open: %s",
                            path, "No such file or directory");
    size_t capacity = 4096;
    *size = 0;
    *text = malloc(capacity);
    size_t got;
    while (*text != NULL
           && (got = fread(*text + *size, 1, capacity - *size - 1, file)) > 0) {
        *size += got;
        if (*size + 1 == capacity) {
            capacity *= 2;
            char *bigger = realloc(*text, capacity);
            if (bigger == NULL) {
                free(*text);
                *text = NULL;
            } else {
                *text = bigger;
            }
        }
    }
    bool has_failed = ferror(file);
    fclose(file);
    if (*text == NULL)
        return ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    if (has_failed) {
        free(*text);
        return ob_error_set(error, OB_ERR_IO, "%s: read error", path);
    }
    (*text)[*size] = '\0';
    return OB_OK;
}

ob_status
ob_report_load(ob_report **out, const char *path, ob_builtin_report builtin,
               ob_error *error)
{
    *out = NULL;
    static const char *const builtin_names[] = {
        "(built-in operation.json)", "(built-in article.json)",
        "(built-in monthly.json)"};
    source_text source;
    char *owned = NULL;
    if (path != NULL) {
        size_t size = 0;
        ob_status status = read_file(&owned, &size, path, error);
        if (status != OB_OK)
            return status;
        source.name = path;
        source.text = owned;
        source.size = size;
    } else {
        source.name = builtin_names[builtin];
        source.text = ob_report_builtin_text(builtin, &source.size);
    }
    json_error_t json_error;
    json_t *root = json_loadb(source.text, source.size, JSON_REJECT_DUPLICATES,
                              &json_error);
    if (root == NULL) {
        /* jansson counts the column of an end of file as 0. */
        ob_status status = ob_error_set(
            error, OB_ERR_CONFIG, "%s:%d:%d: %s", source.name,
            json_error.line, json_error.column > 0 ? json_error.column : 1,
            json_error.text);
        free(owned);
        return status;
    }
    ob_report *report = calloc(1, sizeof *report);
    ob_status status = OB_OK;
    if (report == NULL)
        status = ob_error_set(error, OB_ERR_NOMEM, "out of memory");
    else {
        report->width = 1200;
        report->height = 675;
        report->path = copy_string(source.name);
        status = read_report(report, root, &source, error);
    }
    json_decref(root);
    free(owned);
    if (status != OB_OK) {
        ob_report_free(report);
        return status;
    }
    *out = report;
    return OB_OK;
}
