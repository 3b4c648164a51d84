package io.stratus.console.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A profile's devices counted by status once per {@code interval} (ISO-8601 duration), oldest first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportHistory(String profileId, String interval, List<Point> points) {

    /** One count, kept under the start of its interval. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Point(Instant at, long succeeded, long pending, long failed, long notApplicable) {
    }
}
