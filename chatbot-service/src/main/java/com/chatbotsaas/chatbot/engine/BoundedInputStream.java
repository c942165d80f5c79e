package com.chatbotsaas.chatbot.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** An engine's answer read up to a limit: past it, reading fails instead of filling the memory. */
final class BoundedInputStream extends FilterInputStream {

    /** The answer was longer than the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("The engine's answer exceeded " + limit + " bytes");
        }

        /** Never null: the constructor sets it. */
        @Override
        public String getMessage() {
            return Objects.requireNonNull(super.getMessage());
        }
    }

    private final long limit;
    private long read;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Never asks for more than one byte past the limit, so an endless body costs at most the limit.
        int n = super.read(buffer, offset, (int) Math.min(length, limit - read + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    private void count(int n) throws TooLarge {
        read += n;
        if (read > limit) {
            throw new TooLarge(limit);
        }
    }
}
