/* libbreach — statistics people can trust from public data-breach notices.
 *
 * The umbrella header: include this one. Layers, each using only those before it:
 *   breach/common.h   export macro, version, status codes, breach_error
 *   breach/incident.h the model: dates, counts, regions, vocabularies, entity keys
 *   breach/dataset.h  datasets and filters
 *   breach/io.h       loaders and writers, load reports
 *   breach/stats.h    statistics
 */
#ifndef BREACH_H
#define BREACH_H

#include "breach/common.h"
#include "breach/incident.h"
#include "breach/dataset.h"
#include "breach/io.h"
#include "breach/stats.h"

#endif
