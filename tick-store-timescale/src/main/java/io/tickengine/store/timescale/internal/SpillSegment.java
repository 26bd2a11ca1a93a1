package io.tickengine.store.timescale.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One spill file: records appended at the end, read from a cursor. Its length is published only after
 * a whole write, so the reader never sees half a record.
 */
final class SpillSegment {
    private static final Logger LOG = LoggerFactory.getLogger(SpillSegment.class);

    final Path path;
    final long firstOrdinal;
    final FileChannel channel;
    volatile long length;
    long records;
    long readPosition;
    long readOrdinal;

    private SpillSegment(Path path, long firstOrdinal, FileChannel channel, long length, long records) {
        this.path = path;
        this.firstOrdinal = firstOrdinal;
        this.channel = channel;
        this.length = length;
        this.records = records;
        this.readOrdinal = firstOrdinal;
    }

    static SpillSegment create(Path path, long firstOrdinal) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new SpillSegment(path, firstOrdinal, ch, 0, 0);
    }

    /** Opens a segment left by an earlier run, keeping its valid prefix; null when nothing valid is left. */
    static SpillSegment recover(Path path, long firstOrdinal) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = ch.size();
        long pos = 0;
        long records = 0;
        ByteBuffer header = ByteBuffer.allocate(SpillLog.HEADER);
        CRC32C crc = new CRC32C();
        while (pos + SpillLog.HEADER <= size) {
            header.clear();
            readFully(ch, header, pos);
            int length = header.getInt(0);
            if (length <= 0 || length > SpillLog.MAX_RECORD || pos + SpillLog.HEADER + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(ch, payload, pos + SpillLog.HEADER);
            crc.reset();
            crc.update(payload.array(), 0, length);
            if ((int) crc.getValue() != header.getInt(4)) {
                break;
            }
            pos += SpillLog.HEADER + length;
            records++;
        }
        if (pos < size) {
            LOG.warn("spill segment {}: torn or corrupt record at byte {}; truncated {} trailing bytes",
                    path.getFileName(), pos, size - pos);
            ch.truncate(pos);
            ch.force(true);
        }
        if (records == 0) {
            ch.close();
            Files.deleteIfExists(path);
            return null;
        }
        LOG.info("spill segment {}: {} records to replay", path.getFileName(), records);
        return new SpillSegment(path, firstOrdinal, ch, pos, records);
    }

    long endOrdinal() {
        return firstOrdinal + records;
    }

    void write(ByteBuffer bytes, int count) {
        try {
            long pos = length;
            while (bytes.hasRemaining()) {
                pos += channel.write(bytes, pos);
            }
            records += count;
            length = pos;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to spill segment " + path, e);
        }
    }

    void delete() {
        closeQuietly();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot delete drained spill segment {}: {}", path, e.toString());
        }
    }

    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", path, e.toString());
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of " + ch);
            }
        }
    }
}
