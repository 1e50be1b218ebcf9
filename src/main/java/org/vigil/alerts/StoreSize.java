package org.vigil.alerts;

import java.time.Instant;

/**
 * The alert store's footprint.
 *
 * @param fileBytes  the database file
 * @param walBytes   its write-ahead log (emptied at each compaction)
 * @param usedBytes  pages in the database
 * @param freeBytes  pages free inside the file (given back by {@link AlertStore#compact()})
 * @param oldest     when the oldest alert still kept was raised (null: none)
 */
public record StoreSize(long fileBytes, long walBytes, long usedBytes, long freeBytes, long alerts, long openAlerts,
                        long events, Instant oldest) {}
