package io.stratus.console.web;

import java.util.List;

import io.stratus.console.api.ProfileReport;

/** A report's counts as horizontal bars (inline SVG, so it needs no script and prints as it shows). */
public record ReportChart(List<Bar> bars) {
    static final int WIDTH = 400;

    /** One status: its count, the bar's length in the chart's units, and its colour class. */
    public record Bar(String label, long count, int length, int y, String status) {
    }

    static ReportChart of(ProfileReport report) {
        long max = Math.max(1, Math.max(Math.max(report.succeeded(), report.pending()),
                Math.max(report.failed(), report.notApplicable())));
        return new ReportChart(List.of(
                bar("Succeeded", report.succeeded(), max, 0, "SUCCEEDED"),
                bar("Pending", report.pending(), max, 1, "PENDING"),
                bar("Failed", report.failed(), max, 2, "FAILED"),
                bar("Not applicable", report.notApplicable(), max, 3, "NOT_APPLICABLE")));
    }

    private static Bar bar(String label, long count, long max, int row, String status) {
        return new Bar(label, count, (int) (count * WIDTH / max), row * 30, status);
    }
}
