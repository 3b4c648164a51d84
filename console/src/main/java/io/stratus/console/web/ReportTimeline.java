package io.stratus.console.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import io.stratus.console.api.ProfileReport;
import io.stratus.console.api.ReportHistory;
import io.stratus.console.api.ReportHistory.Point;

/**
 * A report's counts over time as one line per status (inline SVG): profile-service's counts per interval, then the
 * report's own counts now, all on one scale. Fewer than two moments make no line, only the bars above.
 */
public record ReportTimeline(boolean empty, List<Series> series, String from, String to, long max, String notice,
        List<Point> points) {
    static final int LEFT = 48;
    static final int WIDTH = 500;
    static final int TOP = 10;
    static final int HEIGHT = 130;

    /** One status: its line's points ("x,y ..."), its colour class and its count now. */
    public record Series(String label, String status, String points, long latest) {
    }

    static ReportTimeline of(ReportHistory history, ProfileReport now, Instant at) {
        List<Point> points = new ArrayList<>(history.points());
        points.add(new Point(at, now.succeeded(), now.pending(), now.failed(), now.notApplicable()));
        String interval = readable(history.interval());
        if (points.size() < 2) {
            return new ReportTimeline(true, List.of(), "", "", 0,
                    "No counts over time yet: profile-service counts this profile's devices every " + interval + ".",
                    List.of());
        }
        long max = 1;
        for (Point p : points) {
            max = Math.max(max, Math.max(Math.max(p.succeeded(), p.pending()), Math.max(p.failed(), p.notApplicable())));
        }
        Instant first = points.get(0).at();
        long span = Math.max(1, Duration.between(first, at).toMillis());
        List<Series> series = List.of(
                series("Succeeded", "SUCCEEDED", points, Point::succeeded, first, span, max),
                series("Pending", "PENDING", points, Point::pending, first, span, max),
                series("Failed", "FAILED", points, Point::failed, first, span, max),
                series("Not applicable", "NOT_APPLICABLE", points, Point::notApplicable, first, span, max));
        return new ReportTimeline(false, series, Formats.utc(first), Formats.utc(at), max,
                "one count every " + interval, List.copyOf(points.subList(0, points.size() - 1)));
    }

    /** The counts over time could not be read; the rest of the report stands. */
    static ReportTimeline unavailable(String why) {
        return new ReportTimeline(true, List.of(), "", "", 0, "The counts over time could not be read: " + why + ".",
                List.of());
    }

    private static Series series(String label, String status, List<Point> points, ToLongFunction<Point> count,
            Instant first, long span, long max) {
        String line = points.stream().map(p -> String.format(Locale.ROOT, "%.1f,%.1f",
                LEFT + (double) Duration.between(first, p.at()).toMillis() * WIDTH / span,
                TOP + HEIGHT - (double) count.applyAsLong(p) * HEIGHT / max)).collect(Collectors.joining(" "));
        return new Series(label, status, line, count.applyAsLong(points.get(points.size() - 1)));
    }

    /** "PT15M" as "15 minutes"; anything else as given. */
    private static String readable(String isoDuration) {
        try {
            Duration d = Duration.parse(isoDuration);
            if (d.toSeconds() % 3600 == 0) {
                return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
            }
            if (d.toSeconds() % 60 == 0) {
                return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
            }
            return d.toSeconds() + " seconds";
        } catch (RuntimeException e) {
            return isoDuration;
        }
    }
}
