package io.tickengine.store.timescale.internal;

import io.tickengine.core.InvalidConfigurationException;
import io.tickengine.store.timescale.SpillFullException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only spill files for records the database has not taken yet. A directory holds segments named
 * by the ordinal of their first record, read in that order; each record is {@code int length, int CRC32C,
 * payload} ({@link RecordCodec}). Opening truncates a torn or corrupt tail. Appends are serialised by the
 * caller's lock; the single reader (which also commits and prepends) may read without it, because it
 * reads only below a segment's published length.
 */
public final class SpillLog implements AutoCloseable {
    static final int HEADER = 8;
    static final int MAX_RECORD = 16 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(SpillLog.class);
    private static final String PREFIX = "spill-";
    private static final String SUFFIX = ".log";
    /** Records the database refused for good, kept for inspection. */
    public static final String REJECTED = "rejected.log";

    private final Path directory;
    private final long capBytes;
    private final long segmentBytes;
    private final ConcurrentSkipListMap<Long, SpillSegment> segments = new ConcurrentSkipListMap<>();
    private FileChannel lockChannel;
    private volatile long totalBytes;
    private volatile long unreadRecords;

    private SpillLog(Path directory, long capBytes) {
        this.directory = directory;
        this.capBytes = capBytes;
        this.segmentBytes = Math.max(1 << 16, Math.min(64L << 20, capBytes / 4));
    }

    /**
     * Opens (creating) the directory, takes its lock, checks every segment and truncates torn tails.
     *
     * @throws InvalidConfigurationException when another store (in this or another process) holds the directory
     */
    public static SpillLog open(Path directory, long capBytes) throws IOException {
        Files.createDirectories(directory);
        SpillLog log = new SpillLog(directory, capBytes);
        log.lock();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                long first = Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
                SpillSegment s = SpillSegment.recover(file, first);
                if (s == null) {
                    continue;
                }
                log.segments.put(first, s);
                log.totalBytes += s.length;
                log.unreadRecords += s.records;
            }
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        return log;
    }

    /** One past the last ordinal stored, or 0 when empty; a new run numbers its records from here. */
    public long nextOrdinal() {
        return segments.isEmpty() ? 0 : segments.lastEntry().getValue().endOrdinal();
    }

    /** Whether no record is waiting. */
    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** Records waiting to be read and written to the database. */
    public long unreadRecords() {
        return unreadRecords;
    }

    /** Ordinal of the oldest record not yet committed, or {@code Long.MAX_VALUE} when none waits. */
    public long firstUnreadOrdinal() {
        Map.Entry<Long, SpillSegment> first = segments.firstEntry();
        return first == null ? Long.MAX_VALUE : first.getValue().readOrdinal;
    }

    /** Bytes the spill files take on disk. */
    public long bytes() {
        return totalBytes;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Appends records numbered from {@code firstOrdinal} after everything spilled, all or none.
     *
     * @throws SpillFullException when they would pass the cap
     */
    public void append(List<?> records, long firstOrdinal) {
        if (records.isEmpty()) {
            return;
        }
        ByteBuffer bytes = encode(records, true);
        Map.Entry<Long, SpillSegment> last = segments.lastEntry();
        SpillSegment tail = last == null ? null : last.getValue();
        if (tail == null || tail.endOrdinal() != firstOrdinal || tail.length + bytes.remaining() > segmentBytes) {
            tail = create(firstOrdinal);
        }
        tail.write(bytes, records.size());
        totalBytes += bytes.limit();
        unreadRecords += records.size();
    }

    /**
     * Writes records older than everything spilled so far (the ones memory held when a write failed) as
     * a segment of their own, which sorts before the newer ones.
     *
     * @throws SpillFullException when they would pass the cap
     */
    public void prepend(List<?> records, long firstOrdinal) {
        if (records.isEmpty()) {
            return;
        }
        ByteBuffer bytes = encode(records, true);
        SpillSegment s = create(firstOrdinal);
        s.write(bytes, records.size());
        totalBytes += bytes.limit();
        unreadRecords += records.size();
    }

    /** Reads up to {@code max} records from the oldest segment, from where the last commit left off. */
    public Chunk read(int max) throws IOException {
        Map.Entry<Long, SpillSegment> first = segments.firstEntry();
        if (first == null) {
            return null;
        }
        SpillSegment s = first.getValue();
        List<Object> records = new ArrayList<>(Math.min(max, 4096));
        long pos = s.readPosition;
        long end = s.length;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(end - pos, 8L << 20));
        while (records.size() < max && pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            s.channel.read(buf, pos);
            buf.flip();
            int consumed = 0;
            while (records.size() < max && buf.remaining() >= HEADER) {
                int length = buf.getInt(buf.position());
                if (buf.remaining() < HEADER + length) {
                    break;
                }
                buf.position(buf.position() + HEADER);
                ByteBuffer payload = buf.slice(buf.position(), length);
                try {
                    records.add(RecordCodec.decode(payload));
                } catch (IllegalArgumentException e) {
                    // The checksum matched, so the codec cannot read what it wrote: skip, never block the rest.
                    LOG.error("spill segment {}: skipping a record that cannot be decoded: {}", s.path.getFileName(),
                            e.getMessage());
                }
                buf.position(buf.position() + length);
                consumed += HEADER + length;
            }
            if (consumed == 0) {
                int length = buf.getInt(0);
                buf = ByteBuffer.allocate(HEADER + length);
                continue;
            }
            pos += consumed;
        }
        return new Chunk(s, records, pos, s.readOrdinal);
    }

    /** Marks a chunk as written to the database and deletes its segment once fully read. */
    public void commit(Chunk chunk) {
        SpillSegment s = chunk.segment;
        s.readPosition = chunk.endPosition;
        s.readOrdinal += chunk.records.size();
        unreadRecords -= chunk.records.size();
        if (s.readPosition == s.length) {
            segments.remove(s.firstOrdinal);
            totalBytes -= s.length;
            s.delete();
        }
    }

    /**
     * Keeps records the database refused for good (bad data) in {@code rejected.log}, in the spill
     * format, for someone to look at; they are never replayed.
     */
    public void reject(List<?> records) {
        if (records.isEmpty()) {
            return;
        }
        ByteBuffer bytes = encode(records, false);
        try (FileChannel ch = FileChannel.open(directory.resolve(REJECTED), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep rejected records in " + directory, e);
        }
    }

    /** Flushes every segment to the storage device (appends reach the OS at once; this survives power loss). */
    public void force() {
        for (SpillSegment s : segments.values()) {
            try {
                s.channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot sync spill segment " + s.path, e);
            }
        }
    }

    /** Closes the files and releases the directory; what is unread stays for the next open. */
    @Override
    public void close() {
        for (SpillSegment s : segments.values()) {
            s.closeQuietly();
        }
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("closing the spill lock: {}", e.toString());
        }
    }

    private void lock() throws IOException {
        lockChannel = FileChannel.open(directory.resolve("spill.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new InvalidConfigurationException("timescale.spillDirectory " + directory
                    + " is in use by another store");
        }
    }

    private SpillSegment create(long firstOrdinal) {
        try {
            SpillSegment s = SpillSegment.create(directory.resolve(String.format("%s%020d%s", PREFIX, firstOrdinal, SUFFIX)),
                    firstOrdinal);
            segments.put(firstOrdinal, s);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill segment in " + directory, e);
        }
    }

    private ByteBuffer encode(List<?> records, boolean capped) {
        long size = 0;
        for (Object r : records) {
            size += HEADER + RecordCodec.encodedSize(r);
        }
        if (capped && totalBytes + size > capBytes) {
            throw new SpillFullException("spill directory " + directory + " holds " + totalBytes + " bytes; "
                    + size + " more would pass its cap of " + capBytes);
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size));
        CRC32C crc = new CRC32C();
        for (Object r : records) {
            int start = buf.position();
            buf.position(start + HEADER);
            RecordCodec.encode(r, buf);
            int length = buf.position() - start - HEADER;
            crc.reset();
            crc.update(buf.array(), start + HEADER, length);
            buf.putInt(start, length).putInt(start + 4, (int) crc.getValue());
        }
        return buf.flip();
    }

    /** Records read from one segment, to be committed once written. */
    public static final class Chunk {
        private final SpillSegment segment;
        private final List<Object> records;
        private final long endPosition;
        private final long firstOrdinal;

        Chunk(SpillSegment segment, List<Object> records, long endPosition, long firstOrdinal) {
            this.segment = segment;
            this.records = records;
            this.endPosition = endPosition;
            this.firstOrdinal = firstOrdinal;
        }

        public List<Object> records() {
            return records;
        }

        public long firstOrdinal() {
            return firstOrdinal;
        }
    }
}
