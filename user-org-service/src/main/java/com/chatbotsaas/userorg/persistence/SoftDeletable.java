package com.chatbotsaas.userorg.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row that is never deleted but marked so ({@code deleted_at}): what pointed at it still resolves, and queries ask
 * for live rows ({@code deletedAt is null}).
 */
@MappedSuperclass
public abstract class SoftDeletable extends Timestamped {

    @Column(name = "deleted_at")
    private @Nullable Instant deletedAt;

    protected SoftDeletable() {}

    /** Whether the row has not been deleted. */
    public boolean live() {
        return deletedAt == null;
    }

    /** Marks the row deleted now; a change like any other. */
    protected void softDelete() {
        touch();
        this.deletedAt = updatedAt();
    }

    /** Brings a deleted row back (a membership rejoined), as a new life of the row. */
    protected void restore() {
        this.deletedAt = null;
        startOver();
    }
}
