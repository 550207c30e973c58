package dev.cloudjar.s3.checksum;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the checksum S3 computes for every object uploaded without one: reflected
 * polynomial 0x9A6C9329AC4BC9B5, initial value and final XOR all ones. The JDK has CRC32 and
 * CRC32C only. Table-driven, a byte at a time.
 */
public final class Crc64Nvme implements Checksum {
    private static final long POLYNOMIAL = 0x9A6C9329AC4BC9B5L;
    private static final long[] TABLE = table();

    private long crc = -1L;

    private static long[] table() {
        long[] table = new long[256];
        for (int i = 0; i < 256; i++) {
            long c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
            }
            table[i] = c;
        }
        return table;
    }

    @Override
    public void update(int b) {
        crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        long c = crc;
        for (int i = offset; i < offset + length; i++) {
            c = TABLE[(int) ((c ^ bytes[i]) & 0xFF)] ^ (c >>> 8);
        }
        crc = c;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }
}
