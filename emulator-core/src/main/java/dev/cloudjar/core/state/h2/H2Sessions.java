package dev.cloudjar.core.state.h2;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** A fixed pool of sessions on one embedded H2 database; the database closes with the last one. */
final class H2Sessions implements AutoCloseable {

    /** Work done with a borrowed session. */
    interface Work<T> {
        T run(H2Session session) throws SQLException;
    }

    private final List<H2Session> all = new ArrayList<>();
    private final BlockingQueue<H2Session> idle;

    H2Sessions(String url, int size) throws SQLException {
        idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                H2Session session = new H2Session(DriverManager.getConnection(url, "sa", ""));
                all.add(session);
                idle.add(session);
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    <T> T with(Work<T> work) {
        H2Session session = borrow();
        try {
            return work.run(session);
        } catch (SQLException e) {
            throw new IllegalStateException("H2 state store failed: " + e.getMessage(), e);
        } finally {
            idle.add(session);
        }
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) {
        return with(session -> {
            Connection connection = session.connection();
            connection.setAutoCommit(false);
            try {
                T result = work.run(session);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    private H2Session borrow() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an H2 session", e);
        }
    }

    @Override
    public void close() {
        for (H2Session session : all) {
            try {
                session.close();
            } catch (SQLException e) {
                throw new IllegalStateException("closing H2 failed: " + e.getMessage(), e);
            }
        }
    }
}
