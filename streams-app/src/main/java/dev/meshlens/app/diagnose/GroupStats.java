package dev.meshlens.app.diagnose;

import dev.meshlens.diagnosis.Cause;

/** Requests, errors and per-cause totals of one service seen from one direction. */
final class GroupStats {
    final String service;
    final String direction;
    long requests;
    long errors;
    final CauseStats[] causes = new CauseStats[Cause.values().length];

    GroupStats(String service, String direction) {
        this.service = service;
        this.direction = direction;
    }

    CauseStats cause(Cause cause, boolean timeline) {
        CauseStats stats = causes[cause.ordinal()];
        if (stats == null) {
            stats = new CauseStats(timeline);
            causes[cause.ordinal()] = stats;
        }
        return stats;
    }
}
