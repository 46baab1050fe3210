package org.rehearse.segmentation.dicom;

/**
 * A decoder for JPEG-LS (ITU-T T.87 | ISO/IEC 14495-1) grey-scale images, lossless and near-lossless, as used by
 * the DICOM transfer syntaxes 1.2.840.10008.1.2.4.80 and .81 (PS3.5 §A.4.3). Written for this project because no
 * maintained pure-Java JPEG-LS decoder is published on Maven Central and PixelMed has none.
 *
 * <p>Supports one component (Nf = 1, ILV = 0), 2–16 bits per sample, the default or LSE-given coding parameters
 * (T.87 §C.2.4.1.1), no point transform. The section numbers in comments refer to T.87 Annex A.
 */
final class JpegLsDecoder {
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};

    /** A decoded image: width × height samples, row by row. */
    record Image(int width, int height, int bitsPerSample, int[] samples) { }

    private final byte[] data;
    private int pos;          // next byte to load into the bit buffer
    private long bits;        // bit buffer, most significant valid bit first
    private int bitCount;     // number of valid bits in the buffer
    private boolean lastWasFF, ended;

    private JpegLsDecoder(byte[] data) {
        this.data = data;
    }

    /**
     * Decodes a JPEG-LS stream (SOI … EOI).
     *
     * @param stream the compressed bytes
     * @return the decoded image
     * @throws IllegalArgumentException when the stream is damaged or uses an unsupported feature (the message says which)
     */
    static Image decode(byte[] stream) {
        return new JpegLsDecoder(stream).run();
    }

    private Image run() {
        if (u8(0) != 0xFF || u8(1) != 0xD8) {
            throw new IllegalArgumentException("JPEG-LS stream does not start with SOI");
        }
        int p = 2;
        int bitsPerSample = -1, width = -1, height = -1;
        int maxVal = 0, t1 = 0, t2 = 0, t3 = 0, reset = 0;
        while (true) {
            if (p + 4 > data.length) {
                throw new IllegalArgumentException("JPEG-LS stream ends before the scan");
            }
            if (u8(p) != 0xFF) {
                throw new IllegalArgumentException("JPEG-LS stream: marker expected at byte " + p);
            }
            int marker = u8(p + 1);
            if (marker == 0xFF) {
                p++;
                continue;
            }
            int len = u8(p + 2) << 8 | u8(p + 3);
            int s = p + 4;
            switch (marker) {
                case 0xF7: // SOF55: JPEG-LS frame header
                    bitsPerSample = u8(s);
                    height = u8(s + 1) << 8 | u8(s + 2);
                    width = u8(s + 3) << 8 | u8(s + 4);
                    int components = u8(s + 5);
                    if (components != 1) {
                        throw new IllegalArgumentException("JPEG-LS with " + components + " components is not supported (grey-scale only)");
                    }
                    if (bitsPerSample < 2 || bitsPerSample > 16 || width <= 0 || height <= 0) {
                        throw new IllegalArgumentException("JPEG-LS frame header is invalid: " + width + "x" + height + ", " + bitsPerSample + " bits");
                    }
                    break;
                case 0xF8: // LSE
                    if (u8(s) == 1) {
                        maxVal = u16(s + 1);
                        t1 = u16(s + 3);
                        t2 = u16(s + 5);
                        t3 = u16(s + 7);
                        reset = u16(s + 9);
                    } else {
                        throw new IllegalArgumentException("JPEG-LS LSE segment of type " + u8(s) + " (mapping tables) is not supported");
                    }
                    break;
                case 0xDA: { // SOS
                    if (bitsPerSample < 0) {
                        throw new IllegalArgumentException("JPEG-LS scan before the frame header");
                    }
                    int ns = u8(s);
                    int near = u8(s + 1 + 2 * ns);
                    int ilv = u8(s + 2 + 2 * ns);
                    int pt = u8(s + 3 + 2 * ns) & 0x0F;
                    if (ns != 1 || ilv != 0 || pt != 0) {
                        throw new IllegalArgumentException("JPEG-LS scan with " + ns + " components, interleave " + ilv
                                + ", point transform " + pt + " is not supported");
                    }
                    pos = s + len - 2;
                    int[] out = new int[width * height];
                    scan(out, width, height, bitsPerSample, maxVal, t1, t2, t3, reset, near);
                    return new Image(width, height, bitsPerSample, out);
                }
                case 0xD9:
                    throw new IllegalArgumentException("JPEG-LS stream has no scan");
                default:
                    break; // APPn, COM, …: skip
            }
            p = s + len - 2;
        }
    }

    // ------------------------------------------------------------------------------------------------ scan

    private void scan(int[] out, int width, int height, int bitsPerSample, int maxValIn, int t1In, int t2In, int t3In,
                      int resetIn, int near) {
        int maxVal = maxValIn > 0 ? maxValIn : (1 << bitsPerSample) - 1;
        int reset = resetIn > 0 ? resetIn : 64;
        // default thresholds, T.87 §C.2.4.1.1.1
        int t1, t2, t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) >> 8;
            t1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (7 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (21 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, 7 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, 21 / factor + 7 * near), t2, maxVal);
        }
        if (t1In > 0) t1 = t1In;
        if (t2In > 0) t2 = t2In;
        if (t3In > 0) t3 = t3In;
        int step = 2 * near + 1;
        int range = (maxVal + 2 * near) / step + 1;
        int qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        int limit = 2 * (bpp + Math.max(8, bpp));

        // context variables (§A.2.1): 365 regular contexts, 2 run interruption contexts (365: RItype 0, 366: RItype 1)
        int[] a = new int[367], b = new int[367], c = new int[367], n = new int[367], nn = new int[367];
        int aInit = Math.max(2, (range + 32) / 64);
        java.util.Arrays.fill(a, aInit);
        java.util.Arrays.fill(n, 1);
        int runIndex = 0;

        // lines with one extra sample on each side: index x+1 holds column x
        int[] prev = new int[width + 2], cur = new int[width + 2];
        for (int y = 0; y < height; y++) {
            cur[0] = prev[1];              // Ra of the first sample = the sample above (§A.2.1 edge rule)
            prev[width + 1] = prev[width]; // Rd of the last sample = Rb
            int x = 0;
            while (x < width) {
                int ra = cur[x], rb = prev[x + 1], rc = prev[x], rd = prev[x + 2];
                int d1 = rd - rb, d2 = rb - rc, d3 = rc - ra;
                if (Math.abs(d1) <= near && Math.abs(d2) <= near && Math.abs(d3) <= near) {
                    // run mode (§A.7)
                    int runValue = ra;
                    int remaining = width - x;
                    int count = 0;
                    boolean endOfLine = false;
                    while (readBit() == 1) {
                        int block = 1 << J[runIndex];
                        int m = Math.min(block, remaining - count);
                        count += m;
                        if (m == block) {
                            runIndex = Math.min(31, runIndex + 1);
                        }
                        if (count == remaining) {
                            endOfLine = true;
                            break;
                        }
                    }
                    if (!endOfLine) {
                        count += J[runIndex] > 0 ? readBits(J[runIndex]) : 0;
                        if (count >= remaining) {
                            throw new IllegalArgumentException("JPEG-LS run passes the end of line " + y);
                        }
                    }
                    for (int i = 0; i < count; i++) {
                        cur[x + 1 + i] = runValue;
                    }
                    x += count;
                    if (endOfLine) {
                        break;
                    }
                    // run interruption sample (§A.7.2)
                    rb = prev[x + 1];
                    int riType = Math.abs(runValue - rb) <= near ? 1 : 0;
                    int q = 365 + riType;
                    int px = riType == 1 ? runValue : rb;
                    int sign = riType == 0 && runValue > rb ? -1 : 1;
                    int temp = riType == 0 ? a[q] : a[q] + (n[q] >> 1);
                    int k = 0;
                    while ((n[q] << k) < temp && k < 24) {
                        k++;
                    }
                    int emErr = readGolomb(k, limit - J[runIndex] - 1, qbpp);
                    int total = emErr + riType;
                    int map = total & 1;
                    int absErr = (total + map) >> 1;
                    int err = ((k != 0 || 2 * nn[q] >= n[q]) == (map != 0)) ? -absErr : absErr;
                    if (err < 0) {
                        nn[q]++;
                    }
                    a[q] += (emErr + 1 - riType) >> 1;
                    if (n[q] == reset) {
                        a[q] >>= 1;
                        n[q] >>= 1;
                        nn[q] >>= 1;
                    }
                    n[q]++;
                    cur[x + 1] = reconstruct(px, sign * err * step, maxVal, near, range, step);
                    x++;
                    runIndex = Math.max(0, runIndex - 1);
                    continue;
                }
                // regular mode (§A.3–A.6)
                int q1 = quantize(d1, near, t1, t2, t3), q2 = quantize(d2, near, t1, t2, t3), q3 = quantize(d3, near, t1, t2, t3);
                int sign = 1;
                if (q1 < 0 || (q1 == 0 && (q2 < 0 || (q2 == 0 && q3 < 0)))) {
                    sign = -1;
                    q1 = -q1;
                    q2 = -q2;
                    q3 = -q3;
                }
                int q = contextIndex(q1, q2, q3);
                int px;
                int mx = Math.max(ra, rb), mn = Math.min(ra, rb);
                if (rc >= mx) {
                    px = mn;
                } else if (rc <= mn) {
                    px = mx;
                } else {
                    px = ra + rb - rc;
                }
                px += sign * c[q];
                px = clamp(px, 0, maxVal);
                int k = 0;
                while ((n[q] << k) < a[q] && k < 24) {
                    k++;
                }
                int mErr = readGolomb(k, limit, qbpp);
                int err = (mErr & 1) == 0 ? mErr >> 1 : -((mErr + 1) >> 1);
                if (near == 0 && k == 0 && 2 * b[q] + n[q] - 1 < 0) {
                    err = -err - 1; // the special mapping of §A.5.2
                }
                // context update (§A.6)
                int bq = b[q] + err * step;
                a[q] += Math.abs(err);
                if (n[q] == reset) {
                    a[q] >>= 1;
                    bq >>= 1;
                    n[q] >>= 1;
                }
                n[q]++;
                if (bq + n[q] <= 0) {
                    bq += n[q];
                    if (bq <= -n[q]) {
                        bq = -n[q] + 1;
                    }
                    if (c[q] > -128) {
                        c[q]--;
                    }
                } else if (bq > 0) {
                    bq -= n[q];
                    if (bq > 0) {
                        bq = 0;
                    }
                    if (c[q] < 127) {
                        c[q]++;
                    }
                }
                b[q] = bq;
                cur[x + 1] = reconstruct(px, sign * err * step, maxVal, near, range, step);
                x++;
            }
            System.arraycopy(cur, 1, out, y * width, width);
            int[] t = prev;
            prev = cur;
            cur = t;
        }
    }

    private static int reconstruct(int px, int err, int maxVal, int near, int range, int step) {
        int rx = px + err;
        if (rx < -near) {
            rx += range * step;
        } else if (rx > maxVal + near) {
            rx -= range * step;
        }
        return clamp(rx, 0, maxVal);
    }

    private static int quantize(int d, int near, int t1, int t2, int t3) {
        if (d <= -t3) return -4;
        if (d <= -t2) return -3;
        if (d <= -t1) return -2;
        if (d < -near) return -1;
        if (d <= near) return 0;
        if (d < t1) return 1;
        if (d < t2) return 2;
        if (d < t3) return 3;
        return 4;
    }

    /** Maps the sign-normalised (q1, q2, q3) one-to-one onto 0…364 (any fixed one-to-one mapping decodes alike). */
    private static int contextIndex(int q1, int q2, int q3) {
        // q1 in 0..4; when q1 == 0, q2 in 0..4; when q1 == q2 == 0, q3 in 1..4
        int idx = (q1 * 9 + (q2 + 4)) * 9 + (q3 + 4); // 0..404 over the normalised triples
        return CONTEXT[idx];
    }

    private static final int[] CONTEXT = new int[405];
    static {
        java.util.Arrays.fill(CONTEXT, -1);
        int next = 0;
        for (int q1 = 0; q1 <= 4; q1++) {
            for (int q2 = -4; q2 <= 4; q2++) {
                for (int q3 = -4; q3 <= 4; q3++) {
                    boolean normalised = q1 > 0 || q2 > 0 || (q2 == 0 && q3 > 0);
                    if (normalised) {
                        CONTEXT[(q1 * 9 + (q2 + 4)) * 9 + (q3 + 4)] = next++;
                    }
                }
            }
        }
        if (next != 364) {
            throw new IllegalStateException("context table has " + next + " entries");
        }
    }

    // ------------------------------------------------------------------------------------------------ bits

    /** Golomb code with length limit (§A.5.3). */
    private int readGolomb(int k, int limit, int qbpp) {
        int zeros = 0;
        while (readBit() == 0) {
            zeros++;
            if (zeros > limit) {
                throw new IllegalArgumentException("JPEG-LS stream is damaged (Golomb code too long)");
            }
        }
        if (zeros < limit - qbpp - 1) {
            return k == 0 ? zeros : (zeros << k) | readBits(k);
        }
        return readBits(qbpp) + 1;
    }

    /** Loads bytes into the bit buffer, dropping the zero bit stuffed after each 0xFF (§A.1); zeros past the scan. */
    private void fill() {
        while (bitCount <= 56) {
            int v = 0, nbits = 8;
            if (!ended && pos < data.length) {
                int byt = data[pos] & 0xFF;
                if (lastWasFF && (byt & 0x80) != 0) {
                    ended = true; // the 0xFF began a marker: the entropy-coded data are over
                } else {
                    v = lastWasFF ? byt & 0x7F : byt;
                    nbits = lastWasFF ? 7 : 8;
                    lastWasFF = byt == 0xFF;
                    pos++;
                }
            }
            bits |= (long) v << (64 - nbits - bitCount);
            bitCount += nbits;
        }
    }

    private int readBit() {
        if (bitCount == 0) {
            fill();
        }
        int bit = (int) (bits >>> 63);
        bits <<= 1;
        bitCount--;
        return bit;
    }

    private int readBits(int count) {
        if (count == 0) {
            return 0;
        }
        if (bitCount < count) {
            fill();
        }
        int v = (int) (bits >>> (64 - count));
        bits <<= count;
        bitCount -= count;
        return v;
    }

    private int u8(int i) {
        if (i >= data.length) {
            throw new IllegalArgumentException("JPEG-LS stream ends early");
        }
        return data[i] & 0xFF;
    }

    private int u16(int i) {
        return u8(i) << 8 | u8(i + 1);
    }

    private static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    private static int ceilLog2(int v) {
        int r = 0;
        while ((1L << r) < v) {
            r++;
        }
        return r;
    }
}
