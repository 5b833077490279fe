/*
 * xlsx_c_baseline: plain-C libxlsxwriter baseline for the XLSX benchmark.
 *
 * Writes N data rows x 6 columns in constant-memory mode, the same cells the
 * Swift writer (AlmanacXLSX) is benchmarked on:
 *
 *   A  period    date (lxw_datetime), format "mm/yyyy": month (i % 12) + 1 of year 2000 + (i / 12) % 25
 *   B  province  text, one of 8 Vietnamese province names, i % 8
 *   C  indicator text, "Chỉ tiêu " + (i % 50)
 *   D  value     number i * 1.5,                 format "#,##0.0"
 *   E  change    number ((i % 200) - 100) / 1000, format "0.0%"
 *   F  count     number i % 1000,                format "#,##0"
 *
 * plus one header row (row 0, bold). Formats are created once; text cells reuse
 * one stack buffer. Build and run:
 *
 *   cc -O2 -o xlsx_c_baseline scripts/xlsx_c_baseline.c $(pkg-config --cflags --libs xlsxwriter)
 *   ./xlsx_c_baseline 1000000 /tmp/baseline.xlsx
 *
 * Prints "rows=N seconds=S" (wall-clock, including workbook_close) on success;
 * exits non-zero with lxw_strerror's text on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <xlsxwriter.h>

static const char *PROVINCES[8] = {
    "Hà Giang", "Cao Bằng", "Lào Cai", "Điện Biên",
    "Thừa Thiên Huế", "Đắk Lắk", "Bà Rịa - Vũng Tàu", "Cà Mau",
};

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define CHECK(call)                                                          \
    do {                                                                     \
        lxw_error err_ = (call);                                             \
        if (err_ != LXW_NO_ERROR) {                                          \
            fprintf(stderr, "%s failed: %s\n", #call, lxw_strerror(err_));   \
            return 1;                                                        \
        }                                                                    \
    } while (0)

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s ROWS OUTPUT.xlsx\n", argv[0]);
        return 2;
    }
    char *end = NULL;
    long rows = strtol(argv[1], &end, 10);
    if (!end || *end != '\0' || rows < 0 || rows > 1048575) {
        fprintf(stderr, "ROWS must be 0...1048575 (one row is the header)\n");
        return 2;
    }

    double start = now_seconds();

    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *workbook = workbook_new_opt(argv[2], &options);
    if (!workbook) {
        fprintf(stderr, "workbook_new_opt failed\n");
        return 1;
    }
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Dữ liệu");
    if (!sheet) {
        fprintf(stderr, "workbook_add_worksheet failed\n");
        return 1;
    }

    lxw_format *header = workbook_add_format(workbook);
    format_set_bold(header);
    lxw_format *month = workbook_add_format(workbook);
    format_set_num_format(month, "mm/yyyy");
    lxw_format *decimal = workbook_add_format(workbook);
    format_set_num_format(decimal, "#,##0.0");
    lxw_format *percent = workbook_add_format(workbook);
    format_set_num_format(percent, "0.0%");
    lxw_format *integer = workbook_add_format(workbook);
    format_set_num_format(integer, "#,##0");

    static const char *HEADERS[6] = {"Kỳ", "Tỉnh", "Chỉ tiêu", "Giá trị", "Thay đổi", "Số lượng"};
    for (lxw_col_t c = 0; c < 6; c++)
        CHECK(worksheet_write_string(sheet, 0, c, HEADERS[c], header));

    char text[64];
    for (long i = 0; i < rows; i++) {
        lxw_row_t r = (lxw_row_t)(i + 1);
        lxw_datetime period = {.year = 2000 + (int)((i / 12) % 25), .month = (int)(i % 12) + 1, .day = 1,
                               .hour = 0, .min = 0, .sec = 0};
        CHECK(worksheet_write_datetime(sheet, r, 0, &period, month));
        CHECK(worksheet_write_string(sheet, r, 1, PROVINCES[i % 8], NULL));
        snprintf(text, sizeof text, "Chỉ tiêu %ld", i % 50);
        CHECK(worksheet_write_string(sheet, r, 2, text, NULL));
        CHECK(worksheet_write_number(sheet, r, 3, (double)i * 1.5, decimal));
        CHECK(worksheet_write_number(sheet, r, 4, (double)((i % 200) - 100) / 1000.0, percent));
        CHECK(worksheet_write_number(sheet, r, 5, (double)(i % 1000), integer));
    }

    lxw_error err = workbook_close(workbook);
    if (err != LXW_NO_ERROR) {
        fprintf(stderr, "workbook_close failed: %s\n", lxw_strerror(err));
        return 1;
    }
    printf("rows=%ld seconds=%.3f\n", rows, now_seconds() - start);
    return 0;
}
