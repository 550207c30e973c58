package dev.cloudjar.s3.checksum;

/**
 * The CRC of two byte runs in a row from the CRCs of each and the second's length, without
 * reading a byte: zlib's {@code crc32_combine}, for any reflected CRC whose initial value and
 * final XOR are all ones (CRC32, CRC32C, CRC64NVME). A multipart upload's FULL_OBJECT checksum is
 * so computed from its parts' checksums. Polynomials are mod-2 polynomials in the CRC's reflected
 * bit order: the highest of its {@code width} bits is x^0.
 */
final class CrcCombiner {
    /** Enough powers x^(2^k) for any byte count: k = 3 (8 bits a byte) up to 3 + 63. */
    private static final int POWERS = 67;

    private final long polynomial;
    private final long one;
    private final long[] powers = new long[POWERS];

    CrcCombiner(long reflectedPolynomial, int width) {
        this.polynomial = reflectedPolynomial;
        this.one = 1L << (width - 1);
        powers[0] = one >>> 1;
        for (int k = 1; k < POWERS; k++) {
            powers[k] = multiply(powers[k - 1], powers[k - 1]);
        }
    }

    /** The CRC of A then B, from CRC(A), CRC(B) and B's length in bytes. */
    long combine(long first, long second, long secondLength) {
        return multiply(xToThe8Times(secondLength), first) ^ second;
    }

    /** x^(8n) modulo the polynomial, by squaring. */
    private long xToThe8Times(long n) {
        long product = one;
        int k = 3;
        for (long rest = n; rest != 0; rest >>>= 1, k++) {
            if ((rest & 1) != 0) {
                product = multiply(powers[k], product);
            }
        }
        return product;
    }

    /** a(x) b(x) modulo the polynomial; {@code a} is never zero here (a power of x). */
    private long multiply(long a, long b) {
        long product = 0;
        long m = one;
        long shifted = b;
        while (true) {
            if ((a & m) != 0) {
                product ^= shifted;
                if ((a & (m - 1)) == 0) {
                    return product;
                }
            }
            m >>>= 1;
            shifted = (shifted & 1) != 0 ? (shifted >>> 1) ^ polynomial : shifted >>> 1;
        }
    }
}
