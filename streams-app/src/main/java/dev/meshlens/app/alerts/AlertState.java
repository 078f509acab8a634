package dev.meshlens.app.alerts;

/** What the evaluator remembers of a firing alert: its last FIRING payload and its last breached window. */
record AlertState(Alert firing, long lastBreachWindowStart) {
}
