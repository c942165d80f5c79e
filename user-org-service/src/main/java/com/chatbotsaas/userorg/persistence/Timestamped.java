package com.chatbotsaas.userorg.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/**
 * A row that records when it was created and last changed ({@code created_at}, {@code updated_at}), set here so no
 * entity forgets to move {@code updated_at} on a change. An entity whose creation column is named otherwise maps it
 * with {@code @AttributeOverride(name = "createdAt", ...)}.
 */
@MappedSuperclass
public abstract class Timestamped {

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Timestamped() {
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    protected Instant updatedAt() {
        return updatedAt;
    }

    /** Records a change made now. */
    protected void touch() {
        this.updatedAt = Instant.now();
    }

    /** The row starts a new life now (a membership rejoined on its old key): created and changed at once. */
    protected void startOver() {
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }
}
