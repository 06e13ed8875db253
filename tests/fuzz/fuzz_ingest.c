/* The fuzz target of the ingest stage: any bytes go through the CSV reader
 * and every record it emits is read back in full, so the sanitizers see
 * any pointer or length that is wrong.
 *
 * A first byte below 0x08 chooses options instead of being data: bit 0
 * strict, bit 1 a 16-byte field cap, bit 2 the ';' delimiter forced. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "opbrief/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t sink_bytes;

static void
touch(const char *text)
{
    if (text != NULL)
        sink_bytes += strlen(text);
}

static ob_status
read_record(void *context, const ob_record *record, ob_error *error)
{
    (void)context;
    (void)error;
    touch(record->source);
    touch(record->operation);
    if (record->country != NULL)
        touch(record->country->name);
    for (size_t b = 0; b < OB_BREAKDOWN_COUNT; b++)
        touch(record->breakdowns[b]);
    for (size_t i = 0; i < record->extra_count; i++) {
        touch(record->extra_names[i]);
        touch(record->extra_values[i]);
    }
    for (size_t m = 0; m < OB_MEASURE_COUNT; m++) {
        if (record->measures[m].value < 0)
            __builtin_trap();
    }
    return OB_OK;
}

static void
read_problem(void *context, const ob_problem *problem)
{
    (void)context;
    touch(problem->message);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ob_ingest_options options;
    memset(&options, 0, sizeof options);
    options.on_problem = read_problem;
    if (size > 0 && data[0] < 0x08) {
        options.is_strict = (data[0] & 1) != 0;
        options.max_field_bytes = (data[0] & 2) ? 16 : 0;
        options.delimiter = (data[0] & 4) ? ';' : 0;
        data++;
        size--;
    }
    ob_record_sink sink = {read_record, NULL};
    ob_ingest_counts counts;
    ob_error error;
    ob_status status = ob_ingest_csv_memory(&counts, "fuzz", data, size,
                                            &options, &sink, &error);
    /* Whatever happened, the counts add up. */
    if (counts.rows_read != counts.rows_accepted + counts.rows_rejected)
        __builtin_trap();
    if (status != OB_OK)
        touch(error.message);
    return 0;
}
