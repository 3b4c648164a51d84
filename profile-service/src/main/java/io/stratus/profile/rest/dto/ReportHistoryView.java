package io.stratus.profile.rest.dto;

import java.time.Instant;
import java.util.List;

/**
 * A profile's deployment report over time: its devices counted by status once per {@code interval} (ISO-8601
 * duration), oldest first; {@code at} is the start of the interval the count was taken in.
 */
public record ReportHistoryView(String profileId, String interval, List<Point> points) {

    /** One count. */
    public record Point(Instant at, long succeeded, long pending, long failed, long notApplicable) {
    }
}
