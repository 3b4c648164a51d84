package io.stratus.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stratus.console.api.ProfileReport;
import io.stratus.console.api.ReportHistory;
import io.stratus.console.api.ReportHistory.Point;

class ReportTimelineTest {

    private static final Instant T0 = Instant.parse("2026-12-08T10:00:00Z");

    @Test
    void eachStatusIsALineOnOneScaleEndingWithTheCountsNow() {
        ReportHistory history = new ReportHistory("p", "PT15M", List.of(new Point(T0, 0, 4, 0, 0),
                new Point(T0.plusSeconds(900), 2, 2, 0, 0)));
        ReportTimeline timeline = ReportTimeline.of(history, report(3, 0, 1, 0), T0.plusSeconds(1800));
        assertEquals(4, timeline.max(), "the highest count of any status at any moment");
        assertEquals("one count every 15 minutes", timeline.notice());
        ReportTimeline.Series succeeded = timeline.series().get(0);
        assertEquals("SUCCEEDED", succeeded.status());
        // x from 48 to 548 over the half hour; y from 140 (0) to 10 (4)
        assertEquals("48.0,140.0 298.0,75.0 548.0,42.5", succeeded.points());
        assertEquals("48.0,10.0 298.0,75.0 548.0,140.0", timeline.series().get(1).points());
        assertEquals(3, succeeded.latest());
        assertEquals(1, timeline.series().get(2).latest());
        assertEquals(2, timeline.points().size(), "the table lists the counts taken, not the moment now");
        assertEquals("2026-12-08 10:00 UTC", timeline.from());
    }

    @Test
    void withoutACountTakenThereIsNoLine() {
        ReportTimeline timeline = ReportTimeline.of(new ReportHistory("p", "PT1M", List.of()), report(1, 0, 0, 0),
                T0);
        assertTrue(timeline.empty());
        assertEquals("No counts over time yet: profile-service counts this profile's devices every 1 minute.",
                timeline.notice());
    }

    private static ProfileReport report(long succeeded, long pending, long failed, long notApplicable) {
        return new ProfileReport("p", succeeded, pending, failed, notApplicable, 0, 0, 0, List.of(), null);
    }
}
