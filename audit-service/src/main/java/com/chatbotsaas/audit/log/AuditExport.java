package com.chatbotsaas.audit.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes query results as NDJSON or CSV, a page at a time, straight to the response. */
@Component
class AuditExport {

    static final List<String> CSV_COLUMNS = List.of(
            "id",
            "event_id",
            "action",
            "outcome",
            "actor_id",
            "actor_type",
            "organization_id",
            "resource_type",
            "resource_id",
            "status_code",
            "error_code",
            "ip_address",
            "user_agent",
            "request_id",
            "trace_id",
            "data",
            "occurred_at",
            "received_at");

    /** Records read per page (per short transaction). */
    static final int PAGE_SIZE = 1000;

    private final AuditLogs auditLogs;
    private final JsonMapper jsonMapper;

    AuditExport(AuditLogs auditLogs, JsonMapper jsonMapper) {
        this.auditLogs = auditLogs;
        this.jsonMapper = jsonMapper;
    }

    /**
     * Writes every record of the query, newest first, reading it in keyset pages of {@link #PAGE_SIZE} records, each
     * in a short transaction of its own: no connection is held while a page is written to a slow client. The export
     * is not one snapshot: a record stored during the export with an older time than the page being read appears.
     *
     * @return how many records were written
     */
    long write(AuditQuery query, Format format, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        long count = 0;
        if (format == Format.CSV) {
            writer.write(String.join(",", CSV_COLUMNS));
            writer.write("\r\n");
        }
        @Nullable Cursor after = null;
        while (true) {
            List<AuditRecord> page = auditLogs.exportPage(page(query, after));
            for (AuditRecord record : page) {
                if (format == Format.CSV) {
                    writer.write(csv(record));
                    writer.write("\r\n");
                } else {
                    writer.write(jsonMapper.writeValueAsString(record));
                    writer.write('\n');
                }
            }
            count += page.size();
            if (page.size() < PAGE_SIZE) {
                break;
            }
            AuditRecord last = page.getLast();
            after = new Cursor(last.occurredAt(), last.id());
        }
        writer.flush();
        return count;
    }

    private static AuditQuery page(AuditQuery query, @Nullable Cursor after) {
        return new AuditQuery(
                query.organizationId(),
                query.action(),
                query.actorId(),
                query.outcome(),
                query.resourceType(),
                query.resourceId(),
                query.requestId(),
                query.from(),
                query.to(),
                after,
                PAGE_SIZE);
    }

    private String csv(AuditRecord r) {
        List<@Nullable Object> values = new ArrayList<>(CSV_COLUMNS.size());
        values.add(r.id());
        values.add(r.eventId());
        values.add(r.action());
        values.add(r.outcome());
        values.add(r.actorId());
        values.add(r.actorType());
        values.add(r.organizationId());
        values.add(r.resourceType());
        values.add(r.resourceId());
        values.add(r.statusCode());
        values.add(r.errorCode());
        values.add(r.ipAddress());
        values.add(r.userAgent());
        values.add(r.requestId());
        values.add(r.traceId());
        values.add(jsonMapper.writeValueAsString(r.data()));
        values.add(r.occurredAt());
        values.add(r.receivedAt());
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = values.get(i);
            if (value != null) {
                line.append(cell(value.toString()));
            }
        }
        return line.toString();
    }

    /**
     * RFC 4180 quoting; a text cell starting like a spreadsheet formula gets a leading apostrophe so that opening the
     * export runs nothing (user agents and ids come from clients).
     */
    static String cell(String value) {
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    enum Format {
        NDJSON("application/x-ndjson", "ndjson"),
        CSV("text/csv", "csv");

        final String contentType;
        final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }
    }
}
