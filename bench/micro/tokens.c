/* bench/micro/tokens.c: the CSV tokenizer alone over a file in memory, its general path
 * and then its fast path (libbreach/csv.c compiled in with BREACH_CSV_TEST, whose switch
 * turns the fast path off). Prints the best of 5 passes each, in ns a record, and a
 * checksum of every field's length, line and column, the same both ways.
 *
 *   tokens FILE */
#include "../../libbreach/csv.h"
#include "micro.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tokens FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0)
        return 1;
    long n = ftell(f);
    char *d = n > 0 ? malloc((size_t)n) : NULL;
    if (!d || fseek(f, 0, SEEK_SET) != 0 || fread(d, 1, (size_t)n, f) != (size_t)n)
        return 1;
    fclose(f);
    for (int fast = 0; fast < 2; fast++) {
        breach_csv_fast = fast;
        double best = 1e30;
        unsigned long long sum = 0;
        long records = 0;
        for (int r = 0; r < 5; r++) {
            breach_csv c;
            breach_csv_init(&c, d, (size_t)n, argv[1]);
            breach_error e;
            records = 0;
            sum = 0;
            double t0 = now();
            while (breach_csv_next(&c, &e) > 0) {
                records++;
                for (size_t i = 0; i < c.nfields; i++)
                    sum += c.fields[i].len + (unsigned long long)c.fields[i].column +
                           (unsigned long long)c.fields[i].line;
            }
            double t = now() - t0;
            if (t < best)
                best = t;
            breach_csv_free(&c);
        }
        printf("tokens %s path: %ld records, %.1f ns a record (checksum %llu)\n",
               fast ? "fast" : "general", records, best / (double)records * 1e9, sum);
    }
    free(d);
    return 0;
}
