package com.chatbotsaas.chatbot.support;

import com.chatbotsaas.platform.test.infra.TestInfrastructure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads stored rows of the test database, for assertions on what the service persisted, and spoils rows on purpose. */
public final class Db {

    private Db() {}

    public static long count(String sql, Object... parameters) {
        return TestInfrastructure.get().queryForLong(sql, parameters);
    }

    public static @Nullable String string(String sql, Object... parameters) {
        List<String> rows = strings(sql, parameters);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    public static List<String> strings(String sql, Object... parameters) {
        try (Connection connection = TestInfrastructure.get().adminConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + sql, e);
        }
    }

    /** Changes rows behind the service's back, e.g. to make one unreadable for it. */
    public static int update(String sql, Object... parameters) {
        try (Connection connection = TestInfrastructure.get().adminConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Update failed: " + sql, e);
        }
    }
}
