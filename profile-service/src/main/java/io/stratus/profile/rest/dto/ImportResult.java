package io.stratus.profile.rest.dto;

import java.util.List;

/** Answer to a bulk import: rows stored and rows refused (row 1 is the first data row). */
public record ImportResult(int imported, List<Rejected> rejected) {

    /** A refused row and why. */
    public record Rejected(int row, String reason) {
    }
}
