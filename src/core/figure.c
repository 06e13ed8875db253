/* The published figure: the one place it becomes text, and the one rule
 * for a figure made from others (a chart's "Other"). */
#include "opbrief/core.h"

#include <stdio.h>

const char *
ob_key_name(ob_key key)
{
    static const char *const names[OB_KEY_KIND_COUNT] = {
        "operation",  "country",    "region",       "subregion",
        "interpol",   "month",      "exploitation", "citizenship",
        "victim_sex", "victim_age", "recruitment",  "extra"};
    return key < OB_KEY_KIND_COUNT ? names[key] : "?";
}

void
ob_figure_format(char *out, size_t out_size, const ob_figure *figure,
                 ob_figure_style style, const char *thousands)
{
    if (figure->protection == OB_SUPPRESSED_PRIMARY) {
        snprintf(out, out_size, "<%lld", (long long)figure->threshold);
        return;
    }
    if (figure->protection == OB_SUPPRESSED_COMPLEMENTARY) {
        snprintf(out, out_size, "x");
        return;
    }
    if (!figure->has_value) {
        snprintf(out, out_size, "%s",
                 style == OB_FIGURE_CHART   ? "\xE2\x80\x93" /* en dash */
                 : style == OB_FIGURE_WORDS ? "not reported"
                                            : "");
        return;
    }
    bool is_words = style == OB_FIGURE_WORDS;
    const char *prefix = figure->is_lower_bound ? (is_words ? "at least "
                                                            : ">")
                         : figure->is_approximate ? (is_words ? "about "
                                                              : "~")
                                                  : "";
    char number[48];
    ob_format_count(number, sizeof number, (double)figure->value, thousands);
    snprintf(out, out_size, "%s%s", prefix, number);
}

ob_figure
ob_figure_remainder(const ob_figure *total, const ob_figure *const *parts,
                    size_t count)
{
    ob_figure remainder = *total;
    bool is_shown = total->protection == OB_PUBLISHED && total->has_value;
    for (size_t i = 0; i < count && is_shown; i++) {
        const ob_figure *part = parts[i];
        is_shown = part->protection == OB_PUBLISHED;
        if (!is_shown || !part->has_value)
            continue;
        remainder.value -= part->value;
        remainder.is_approximate |= part->is_approximate;
        remainder.is_lower_bound |= part->is_lower_bound;
    }
    if (!is_shown) {
        remainder.protection = OB_SUPPRESSED_COMPLEMENTARY;
        remainder.has_value = true;
        remainder.value = 0;
    }
    return remainder;
}
