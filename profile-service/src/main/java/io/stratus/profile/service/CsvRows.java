package io.stratus.profile.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.stratus.platform.rest.ProblemException;

/**
 * RFC 4180 CSV with a header row: quoted fields (with doubled quotes and line breaks inside), CRLF or LF.
 * Each record becomes a map from the header's column names (as declared by the caller, matched without regard
 * to case) to the field, blank fields omitted.
 */
public final class CsvRows {

    private CsvRows() {
    }

    /** @throws ProblemException 400 for a missing or unknown header column or an unterminated quote */
    public static List<Map<String, String>> parse(String text, List<String> columns, int maxRows) {
        List<List<String>> records = records(text == null ? "" : text);
        if (records.isEmpty()) {
            throw ProblemException.badRequest("the CSV body is empty; it needs a header row such as "
                    + String.join(",", columns));
        }
        List<String> header = header(records.get(0), columns);
        if (records.size() - 1 > maxRows) {
            throw ProblemException.badRequest("at most " + maxRows + " rows per import, not " + (records.size() - 1));
        }
        List<Map<String, String>> rows = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < Math.min(fields.size(), header.size()); c++) {
                String value = fields.get(c);
                if (!value.isBlank()) {
                    row.put(header.get(c), value);
                }
            }
            if (fields.size() > header.size()) {
                row.put(TOO_MANY, Integer.toString(fields.size()));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Set on a row that has more fields than the header. */
    public static final String TOO_MANY = "\u0000fields";

    private static List<String> header(List<String> names, List<String> columns) {
        Map<String, String> known = new HashMap<>();
        columns.forEach(column -> known.put(column.toLowerCase(Locale.ROOT), column));
        List<String> header = new ArrayList<>();
        for (String name : names) {
            String column = known.get(name.trim().toLowerCase(Locale.ROOT));
            if (column == null) {
                throw ProblemException.badRequest("unknown CSV column '" + name.trim() + "'; the columns are "
                        + String.join(",", columns));
            }
            header.add(column);
        }
        return header;
    }

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            if (c == '"' && field.length() == 0) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    fields.add(field.toString());
                    records.add(fields);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw ProblemException.badRequest("the CSV body ends inside a quoted field");
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }
}
