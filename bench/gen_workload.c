/* The benchmark workload: a deterministic CSV of incident-level returns,
 * shaped like the shared benchmark generator's (same header, about 75
 * bytes a row, 40 operations and 190 countries with skewed weights, small
 * counts with a heavy tail, and quoted fields holding commas and doubled
 * quotes after column 9), written fast enough for 10 million rows.
 *
 * Usage: gen_workload ROWS [SEED] > file.csv   (ROWS may end in k or M) */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opbrief/country.h"

#define OPERATION_COUNT 40
#define COUNTRY_COUNT 190

static const char *const operations[OPERATION_COUNT] = {
    "Liberterra", "Turquesa", "Weka", "Storm Makers", "Pangea", "Epervier",
    "Sunbird", "Akoma", "Flash-Weka", "Libertad", "Global Chain",
    "Intercops", "Intercops II", "Nyamata", "Adwenpa", "Usalama", "Trigger",
    "Lionfish", "Mercury", "Blackwater", "Bia", "Serval", "Sapphire",
    "Andes", "Pacific Shield", "Sahel", "Trinity", "Aquila", "Mekong Watch",
    "Red Sea", "Nightjar", "Condor", "Northern Lights", "Baltic Gate",
    "Silk Road", "Caribbean Wave", "Orion", "Harbour", "Talon", "Meridian"};

/* Breakdown values with their weights in tenths of a percent. */
typedef struct weighted {
    const char *text;
    int weight;
} weighted;

static const weighted exploitations[] = {
    {"sexual exploitation", 300}, {"forced labour", 280},
    {"forced criminality", 80},   {"forced begging", 50},
    {"forced marriage", 30},      {"organ removal", 10},
    {"mixed", 80},                {"unknown", 130},
    {"\"Trafficking, sexual exploitation\"", 20},
    {"\"Trafficking, forced labour\"", 15},
    {"\"Smuggling, document fraud\"", 5}};

static const weighted recruitments[] = {
    {"online", 300},       {"fraudulent job offer", 250},
    {"family member", 100}, {"intermediary", 150},
    {"debt bondage", 80},  {"abduction", 20},
    {"unknown", 95},       {"\"Recruited via \"\"modelling\"\" ad\"", 5}};

static uint64_t state;

/* splitmix64: a fixed stream for a given seed on every machine. */
static uint64_t
next(void)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static double
uniform(void)
{
    return (double)(next() >> 11) / 9007199254740992.0;
}

/* An index drawn from cumulative weights CUMULATIVE[0..COUNT). */
static size_t
draw(const double *cumulative, size_t count)
{
    double target = uniform() * cumulative[count - 1];
    size_t low = 0;
    size_t high = count - 1;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (cumulative[middle] <= target)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* A Poisson(MEAN) count, with probability TAIL of a power-law value from
 * TAIL_LOW up to TAIL_HIGH instead. */
static int
count(double mean, double tail, int tail_low, int tail_high)
{
    if (uniform() < tail) {
        double u = uniform();
        double value = tail_low * pow(1.0 - u * (1.0 - (double)tail_low
                                                           / tail_high),
                                      -1.0);
        return (int)value;
    }
    double limit = exp(-mean);
    double product = uniform();
    int k = 0;
    while (product > limit) {
        product *= uniform();
        k++;
    }
    return k;
}

static const char *
pick(const weighted *values, size_t n)
{
    int total = 0;
    for (size_t i = 0; i < n; i++)
        total += values[i].weight;
    int target = (int)(uniform() * total);
    for (size_t i = 0; i < n; i++) {
        if (target < values[i].weight)
            return values[i].text;
        target -= values[i].weight;
    }
    return values[n - 1].text;
}

static long
parse_rows(const char *text)
{
    char *end;
    double value = strtod(text, &end);
    if (*end == 'k' || *end == 'K')
        value *= 1e3;
    else if (*end == 'm' || *end == 'M')
        value *= 1e6;
    return (long)value;
}

static void
civil_from_days(int days, int *year, int *month, int *day)
{
    /* Days since 1970-01-01 to a Gregorian date (H. Hinnant's method). */
    int z = days + 719468;
    int era = z / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = yoe + era * 400 + (*month <= 2);
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: gen_workload ROWS [SEED]\n", stderr);
        return 64;
    }
    long rows = parse_rows(argv[1]);
    state = argc > 2 ? strtoull(argv[2], NULL, 10) : 20150101;

    /* 190 countries with a region, spread over the table; weights fall
     * off with a shuffled rank, so a top 20 means something. */
    const ob_country *countries[COUNTRY_COUNT];
    size_t with_region = 0;
    for (size_t i = 0; i < ob_country_count(); i++)
        with_region += ob_country_at(i)->interpol_region[0] != '\0';
    size_t taken = 0;
    for (size_t i = 0, seen = 0; i < ob_country_count() && taken < COUNTRY_COUNT;
         i++) {
        const ob_country *country = ob_country_at(i);
        if (country->interpol_region[0] == '\0')
            continue;
        if (seen++ * COUNTRY_COUNT / with_region >= taken)
            countries[taken++] = country;
    }
    double country_weights[COUNTRY_COUNT];
    double operation_weights[OPERATION_COUNT];
    size_t rank[COUNTRY_COUNT];
    for (size_t i = 0; i < taken; i++)
        rank[i] = i;
    for (size_t i = taken - 1; i > 0; i--) {
        size_t j = (size_t)(next() % (i + 1));
        size_t swap = rank[i];
        rank[i] = rank[j];
        rank[j] = swap;
    }
    double sum = 0;
    for (size_t i = 0; i < taken; i++) {
        sum += 1.0 / pow((double)rank[i] + 1, 0.9);
        country_weights[i] = sum;
    }
    sum = 0;
    int window_start[OPERATION_COUNT];
    int window_days[OPERATION_COUNT];
    int first_day = 16436; /* 2015-01-01 */
    int last_day = 20818;  /* 2026-12-31 */
    for (size_t i = 0; i < OPERATION_COUNT; i++) {
        sum += 1.0 / pow((double)i + 1, 0.8);
        operation_weights[i] = sum;
        window_days[i] = 365 + (int)(next() % (3 * 365));
        window_start[i] = first_day
                          + (int)(next() % (uint64_t)(last_day - first_day
                                                      - window_days[i]));
    }

    static char buffer[1 << 20];
    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    fputs("date,operation,country,region,arrests,victims,migrants,seizures,"
          "investigations,exploitation,recruitment\n",
          stdout);
    for (long row = 0; row < rows; row++) {
        size_t op = draw(operation_weights, OPERATION_COUNT);
        const ob_country *country = countries[draw(country_weights, taken)];
        int year;
        int month;
        int day;
        civil_from_days(window_start[op]
                            + (int)(next() % (uint64_t)window_days[op]),
                        &year, &month, &day);
        int migrants = uniform() < 0.72 ? 0 : count(3.0, 0.1, 10, 900);
        printf("%04d-%02d-%02d,%s,%s,%s,%d,%d,%d,%d,%d,%s,%s\n", year, month,
               day, operations[op], country->alpha3, country->m49_region,
               count(1.6, 0.015, 5, 120), count(2.2, 0.03, 6, 250), migrants,
               count(0.7, 0, 1, 1), count(1.1, 0, 1, 1),
               pick(exploitations,
                    sizeof exploitations / sizeof exploitations[0]),
               pick(recruitments,
                    sizeof recruitments / sizeof recruitments[0]));
    }
    return ferror(stdout) ? 74 : 0;
}
