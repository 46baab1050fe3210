package org.rehearse.segmentation.dicom;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JpegLsDecoder} on small synthetic streams made with CharLS (through the imagecodecs Python package, once,
 * outside the build): 8-bit lossless and near-lossless 8- and 16-bit streams with SPIFF headers, run mode and
 * flat line ends. The expected values are CharLS's own decoding, kept as the SHA-256 of the samples written as
 * big-endian 16-bit words. (Lossless 16-bit DICOM data are checked bit-exactly in {@link PixelMedCodecTest}.)
 */
class JpegLsDecoderTest {
    private record Case(String name, int width, int height, int near, String sha256, String base64) { }

    private static final Case[] CASES = {
        new Case("u8_lossless", 64, 48, 0, "caf1417f503f08e5ae7aa894f1502ad99dd48b796332581ed8d8bc93cc356a05",
                "/9j/6AAgU1BJRkYAAgAAAQAAADAAAABACggGAQAAASwAAAEs/+gACAAAAAH/2P/3AAsIADAAQAEBEQD/2gAIAQEAAAAAAAAB/AFX" +
                "TX/msa5TDmFBRQoY0400wsQprVoTvnqKrLLr65d9911ddNHeYzP/bBEvjkk0aQpL34GQgaVRESBXBSf/WgzEnqwDy975JiECGCSa" +
                "/xz2fqICEWIhq2d/qtkmIVi9ZZ2bgg1kJrLn7Aon2jEENREG9b/WuQxLnhvR3ypIG4jJrW65+XckQhNlat3o3GBrZWQPON0blLCb" +
                "Ja2rDYQOumSsxva2v39PaHf7fuSUNN0titeVh3HVrsgpkyvrt8gB6R0GIHbHdEYzS/ut534Az3HqM76O+8xEvXnG2d8PDb7/Cnzx" +
                "+n6s2ouvr88NjWOQMgiRXQJEJCZmYj9nMK5OQR7IyM2ESpRzXBgkAAACayVJSCEd377f2yD+WU8wAANMQmIxBGIIkou4IXAl5Gz0" +
                "hIoxKgAJGAhMxAQmRQmA1+xgyW9zvUnQS6QSsCOwhMMYyGLhOyJGjwk0o5EK1QgXiYTMxmEjAV8KAVd3QOXiiLSR3zZTIzYjG7VQ" +
                "Iqx6t2pKos6XWIXKSmQgTA3KGHACkd0iLWtxHokBBUqTTTh1TDswGtccKCtVprRUKQty63gYYAw3fadxyo0pBi3oqcrf/36qHcE9" +
                "ccnX9lphpWimcRfvr7egijtjlVoAAmFBfYASDuAwH9H6PQDBhgBreMJWwpg3kOWdtVt6op0O6MDd6kpJEGu0vP8GhQMCpXthFsvP" +
                "/3ZXBFJVhQX6/WX4GksVndH1T/v/RUTqzn/7Q7UwXOru7uwjFVf668rECBbvuGy/tV7/QMVDABpJAAgjs33WQlmBG2tWg+ADBiur" +
                "dx1le+1m6FKJOSgXcxFVel50qQhBEMQjrRNeqkhQpCEIzCIoP4iWkoQmIIlem6agQgmZmYQpgTr2SwlICjMiJmR0qz3lAJEM20rm" +
                "0woQq1ESiMIsMSrWL4gi0RIYhNiZSejVxmJyTV7yhlREQiRoARGLq3SVStiJGNzIbPyFG0RmzJWa4OEybESYSRgRUrdVJdEIkyMz" +
                "TuCpa4CKFkZkV6YhBdESU1QihMrW8R0GVKaZCEdFmnCkIussS4U25LKVqdQKRPd9sYcZpWzWnBn08x4tXfJeUmqXqsYYOaSXmTDj" +
                "HKqqgEWAN5oVpb5plNBFt999tVDzVZKVlELdf4OZX5gcn+tdRbVpff9VWa2v/JrMUX3/d3qM1oijrZ110bk2v71lWrXV0Rpfe9f/" +
                "FruqA7L7r6ioCrbetquWNf26NFmrar7QCOa6B+Lr/z4dPJLXPwqo176vn2vU/y3dwAEA23Giys/v5hpf+X7+RvSv3Fvh9f97Z7y6" +
                "5yHLN/f6h4Sqrq69zJBzvd/rUH7r3e78qTw0YAz7d6VKSMbmqqdKFhAd6kmvoWKpVN9v4mrKYhJRXblUshERiEZsoTq8kiBIWQEz" +
                "EQRJVWvgqzJkS6XiSYiEybMEOEwCXaUQIMbETZmTIIri8IGkIyaKW5ACe5sxEI4YhCxXJWGhGhMyMyKJi7FJxCIks4JXo2aYi2ow" +
                "lNZyVeIOxCJEYiEGKcmKCcLMmS35mMMFS7JbEQ4jW/l4QoIdEombJwi7S5vMm2s0yDtdJKRoTpNbJcjHpKaTIQ4InvMkm11sMgcR" +
                "UpWxRL9rZJtDbytskuwWEP/Z"),
        new Case("u16_near3", 56, 40, 3, "38b33caa5450a76f860d19378f2c0d2c6163466573d562997c831929807ead12",
                "/9j/6AAgU1BJRkYAAgAAAQAAACgAAAA4ChAGAQAAASwAAAEs/+gACAAAAAH/2P/3AAsQACgAOAEBEQD/+AANAf//ABsAUgEpAED/" +
                "2gAIAQEAAwAAAAAAAAyw4qvyKyH2rrxT7/u52/I8oXtdbnlxNUa46x9hCxFRFhCj6jhNgaZ3yftyuCSJRufd0BqD/M1lmbeSASKS" +
                "KSEXzgASz5CFgWkPnDFQt1PiMfLkx4LAKZPzYf0tYtCfVEpARWJypXlrbhMEWDgsxHIj+8ApCHAOVDbQErJxSAdixjwQm4SOLjry" +
                "26smNjGkOaXH0UDsWn1eQZ7e9wC2Apc5S3TmwshoGsdxleB6BfgA6XEG9u55ALGzWkn2OhJluvKw0cO5r52rN+qW3swyhoH8UjE3" +
                "oVl39u52vo/1t3Oj8uCuFEEYYgYQ+l8rkXxr+9AbQ+1giLshjn0Z1tL86eaJqo3SODWDuIAwyCX6Fod/dy8ArrqYz5+aOmWfRuNo" +
                "TJZqMBKvkaiXtAQM8cCKRpmCwaYafttWUXihqzIr8Px5CeGA7CeZiHqUrlNdM/Y8v+1DRo7l4RBmCuFUY5fwC9EVKl05AYMVCRML" +
                "GOR6L+eXPs0urHuj7ocYeSTKIrmsiK7NZjPlXzEoDps0fLGJ7KpsaQFBPF4qJVcqtYQInnrfv2MNeHKQKV/+vRI5XyVGoDPBkIFA" +
                "I5MJ6TZK5V97NB9ngmiOr1DMldibRKJXqU0tpdkrVgQHI16QC29+yAAQhXwCXQvWw5Mth0CW1cxkrm1dfX2Ne0V2IM5UCdLUc8mr" +
                "joDDzaGj5SFimAYNez16xoVQVtAV6omQikGsnC1iS8tSaRGIbpzQq69KxdMhnNbqDd4zMo3ThsVqTSPiEsyubAaQGMJobTPajYdg" +
                "wQK2jKgEeAUqQIY+AAB8SMjIwEBAKJD2ycsKdqtYLPa7dbLZZqkJ9XjeAPunZ0ICAhyMAYcAAAAAAHUka7iGcHMEEI6BW/As4YIN" +
                "AHMXUDJTxzs0z3WP8XbLpKBgMcA3RgMNSM5eG4ERAxCQdojKYNqCf54S6M9BTY9SM47dgEBAgQQQQBPFnIkTn0slAVQvopU5VgXo" +
                "CCGaZCKCCEIQgF8fBLNy9p3AAATTPGE9OIb8kGkJpLID1LFBGaYA5iyIxPgeRLO9R1vuRNhCEIREBZHeMfN4CmDh5U8rb2Lyge0U" +
                "Jp6UHJBPAjpT1+JOQT/tYtIp2HeYzfranDuSHToQVpacyCghfuO5kC2wqQosLQREREQDC4vZUNwUXpShM7aChlnK2kROxUiQtQUp" +
                "X6WOX0lgIoiIiIFs1pEjQlo4ZqQ5RJCIiJJAEg+22aIzoG/QzvFCNbXX2Xl6kojAvmLo2ZwewAjoj8raGYBLQoQrwRwgLaDxcezb" +
                "TwUhtDUnfW6AFaEEKywq9NE7bCwu4p8JTSUEKfx3GdtSrjt65lQqfRTy0QIjKQJmO+5otPvGk4vmL4hrUF6d6LUxqLVSrVWqpzGg" +
                "iDUj1NwATXfR8VxxTV9akKMLU3ADaT31Lo379xWaTCOMXrafvz6eDS4aMQxAmm4E1xCOFsYSWl1SlUeKOY9OH3pcNGLaUTkKQJgT" +
                "zhCoSk2p0qjR/HSs/UGJ9kJV8yF2hfHfw6/DZSjZLt11Ph3EQTiom16p031Cpp4Bh1eGqpWbiEVhyHUQiy/J9eqVNk6glqIt8KxR" +
                "NGT6L+d/JQauZEIWkScQERjZmtsTrJV6nh2j4ppZUPTHSKkdPVRTKeRRCAn2SrVOWByDdpiqTFe5azWsxpf/cuProQhNrlhl8BF5" +
                "e/x9/dnrFUshrP3MiNx9d0enh2+8igxo3MSfuz1ipy3TQpDcQUmOhgsh0FQ7FDqvpWNyKe8vraVVtnM6nk0COIC79p1TmIfq/U5l" +
                "dmcn+H/vZZn148GkRyOliqoUtkDqHgbh6GMRzSWHVhjoF6LoeQk18yms4HAJB1C2Aku8VyIsgrujDHSrg/kl5hICwEkmHAxjqdcn" +
                "ziGRWDiRoCUKIagRAQAwD2STmJCvjlL2Mm8CDKpcMBkMpYJ88xojKfR8PZyEhXx2BsdiEpnfJysWAyFknxCyDOfgZFgeG7QZhfme" +
                "LoSZzFo/yuu4u8SOe1QoEgnFMqFglEIZTrFIFccr7fxXXMVbZm95NAP4BBjTmViWQhu20jtVsgNwRBctuHM+xSiJNEkzIwYZNUfC" +
                "BkDx8vxBIhEenETIUAVIpmaJskjGwYisvMzYWmS6wmF8iPLjKyqVVah5haQmEKUpgmychQmwjwlpZk0Pcd2lrbm9oKSc4jRbMWXg" +
                "dhQGwiwlBWW18f5lAwkXWmlnJz1+SaBK5hvmyQhEhkNVwup4m8kwBaguLSr9SssLCoqqLK8EpDQsBXOp4m8jwMtNT1EFdUlPBHUm" +
                "o0ZXnbnOdzqJJccHweS2S+DgYGAgQCARlLKmyrTYjJEaBhYSEgs8HuO9vQEBARqWkqlIn2YUiglZCwkJBIBVSoXXwiUtFdIyblZG" +
                "NhYMCJqkCjwS2uxVim0Kg9tXQhPRM58sVCw4UbbIB6udOqPuLqEQe2rlES46RIqK47gk7uxqZuTlw/O4uFcKg6CiayGsIXPx8MK8" +
                "SVKhlfIyZflIUQmhSDOF5U8hUpc/Fp0K2NlOmRMspCr08m7rZufbpweBbHoEkLAwmdrUbz18dQMtXbcXM0adkQ+DeGEFMPw4RZqp" +
                "JfPpuETHs70m0gJsYXXu5dvS2aakyt6yKU6jyNAh12kqTQv+udZJq2Xo69NVo4CKLERLrYTNlJJ0mg8ZF2MqVpyDv/evXw6m7i0S" +
                "ROFQ4CKKkvCgZCSq1MpUKXMKEjJept4uUDBbz7Lw5VNAuK9JVam9NI4ZX9SbKFagVIrepE++/j1uHETQjBeJbmAsmQ2FBSr9V7og" +
                "kmSKVKmrw4mS11ufyuGCVOAoKdeqnbRZh4gVVrdo3748v/nugdFv1XkdRGR0lKUrHWqpbojfpUkt903RIkbDwKS8bAXrZp2OseBJ" +
                "FNzhw//Z"),
        new Case("u12_near1", 47, 33, 1, "de36b88e1387f08b0ccb9a613c75db26a9c781625d1616dafc00b0439ea5851e",
                "/9j/6AAgU1BJRkYAAgAAAQAAACEAAAAvChAGAQAAASwAAAEs/+gACAAAAAH/2P/3AAsQACEALwEBEQD/+AANAf//ABUASAEbAED/" +
                "2gAIAQEAAQAAG6ynr8rj/np2cWvm4OSgUQwLicQiYVC0Xi4WCkSjNXKi1yuRKOX2nsIBSgigzDXjGPoPjCC4BgMHAQBAMAQTFUZS" +
                "2drUMhUNBQMAwOBi4vKsk4DAIBBULSklB8MQjAcNQByBOI4lmbR4cLCwHAMAQVFVhUfVRisUI0GDwsXQy5knBsBgEAhUesOUYw3C" +
                "0Pg+JetDsELzLmyY8HAwERtQVJMG7lmtSoc+TL2qRBjZEgYOChprN2psaQzB8CwBwhAcb4FdGbLiwLAwkERhBYHr4hcLlCebbXKS" +
                "YTBnQWDAiQxRaJ/TUFwZGIBxixyy4VO+uPDwYMGi+EgXVTt4xSJZXHNbyick+FhwYUStWK+aYVgyAYKge/g9xvlxMWHAUBxJJkMR" +
                "lUuYMkqO3jrfliYZgaLBgUCQZKVJ/UQc9kLLM20TcVOfLngmBYKAJAmUUQdFQiTTSzO+s1fkJRhKEwOCgUEhUVB+dgGPoBg2KKCh" +
                "zHjXPg+Hg4BgCFYThuGo+FhxYcFh2HZupSCuQnbDwWAoGBgYGCaOLoGYlM2oIFC8vQ5GJSEp8mPAcRUUBEq4xOTk5D0QSS9CW6VL" +
                "w7Pg0AxJEZCEJZWDxRVwth6cpMrRQNkGBAECBAIDo8JRyQ3MbnZ+fv379FBUbzHbMS4cDAgQEGAIJhSKiyAxtCSY0aQBOM4sfJIC" +
                "kVm2GGwXAQBAYCAwBAQBAcFgKAwGm0iliAPO1slDIOgICBAgQIEBC5JcZ0zAnACAYhAMWC0rAfMIK5OGZWAwTEBgEFQBAGEBAoAg" +
                "oDJU1rupBM4UNk2eApZi8lSSBpdipwlejK8dLIbhy9NzY18Yw+2aanlFL0BHVUDIooGCCwk/skgeKoPSNFp2JgUgQBAsBJk2lX8D" +
                "woJXIlERGSpTmKiXlqQSSHKQsWQgxmgM+CcSkJyXR3FSbFwUE64+Ow02cFoSe0c+nEY3EU9B8E9Y6rKsdBOyEV0U0X3RVHyvgSjP" +
                "JjRysPBEInoRMlCoa7Gys7Kxy/Nktpt+haIqsWRWycI+IbuSp6Fmwp8trtrnhwQQoTG/Q+aQxQs6ijlc8e89CLJFDAhUKlkuiDBX" +
                "nEDe+vNSe+emOCFgQNKr4CF312WkUdnPHeslN0CCDgQUqhWjkARHFoWgjWVby21zxx4cCBTyr4XoJ0ydKgEO28bMvYxrnJgwIESJ" +
                "RESN+ZEnYeB4sgNbnK0588ECCinObCj2232y47Ox2C5ZGhFssMDAxxywPEZCHmZrC6mH1MKCcrUsIRDg6PxEIyl2o0knp6QVmSSJ" +
                "IusluqgoFVhlCcCQXFwEAZ+wwDiaOGSj6NXQcAR6DfAnxIkTJpye9Ye5LFEbNpi6DmhqG0HwDD4+NRb8lmwmwbITZV5JQPBR9iRT" +
                "5f8RIECK8wYIiR0QtXklBYHC7aGwWBx+bXVBXwVQmcLOiKtDwIz5QPUTjrzzywoePC5twaIK0LB5Iwg2Ag6AJaLDXRRM8XOmHxNY" +
                "h4ElF2LhjlllttW8VbcdCSkktRYGo1UJg5Bh5sDXK+yZZx8i2WosDeUCXY9WXXXTqHXTrb6klKrEWDBNRBwaDddIbF1RlfVhltxT" +
                "UkTAb/U92U1E0iRNZk7SGyfRTUUTAUBFFAsHRJdQIG/BUBqrYIIIYAgCAxERq0twkgiQQIoIFBEmjZXAIBARoSKKAYAjkAz/2Q=="),
        new Case("u8_near2", 70, 30, 2, "5ad823a7600257ff038a59f9a410e20d451a3e7cd64733fa41c1b387fcadfce0",
                "/9j/6AAgU1BJRkYAAgAAAQAAAB4AAABGCggGAQAAASwAAAEs/+gACAAAAAH/2P/3AAsIAB4ARgEBEQD/2gAIAQEAAgAAAAAAcD73" +
                "2akiQhEQhCIRESSSuiZsZjNVVf99kUSIgAP+Vrlrqkq1XN5kTy3/Z5rX2qlVkMVH2qXTyP9u9UnN0xWmpUiSO1MZPKSDTNLtJxJL" +
                "pNqng0o98Vd5oIba1jFsiutTa5UUfXRWc6zbnKn5fxNb88drnu55T7up+ujafffe/37NNb9frkxFmmu+1+xO/ndbaVfrjpELvsnd" +
                "R+B/mhSWI5m/m29EwAO3Miym/1O6VVgACCyQxjNSncq5QhSvindUZ1ByEyTMyTzeMRWd8Ik5/KTJknPK4U5J+FTMSOckmUPzeHN6" +
                "Q+shOfHzzJlzPsle3Ty1VPPzLL8c5xrOyAmsn+an1rPL+Qg+2XvLN5sVftmIabtma/W8cMx/iSXXzN51ryEvnhER28Lb9SSSZF7d" +
                "TP2L1/zpe6r/ew3ay/8kj976frKb387t5PvpRHe30nVKr3/Lts4pU3TK7tylWq8tPesS1a9peTDjd6XkmFhVn5pSolcvPrYkKGrf" +
                "M5RktLNPZrJM5F/inETE/PJTMxGa+aSTmTgP5qnJNdpPM8kDPfhTnklI/xXIZMrhmU8khwz54hCaSSSZebR5gP/Z")
    };

    @Test
    void decodesLikeCharLs() throws Exception {
        for (Case c : CASES) {
            JpegLsDecoder.Image img = JpegLsDecoder.decode(Base64.getDecoder().decode(c.base64()));
            assertEquals(c.width(), img.width(), c.name());
            assertEquals(c.height(), img.height(), c.name());
            byte[] words = new byte[2 * img.samples().length];
            for (int i = 0; i < img.samples().length; i++) {
                words[2 * i] = (byte) (img.samples()[i] >> 8);
                words[2 * i + 1] = (byte) img.samples()[i];
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(words));
            assertEquals(c.sha256(), sha, c.name() + " (NEAR " + c.near() + ") differs from CharLS's decoding");
        }
    }

    @Test
    void damagedStreamsAreRejected() {
        byte[] good = Base64.getDecoder().decode(CASES[0].base64());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JpegLsDecoder.decode(new byte[] {1, 2, 3, 4}));
        assertTrue(e.getMessage().contains("SOI"), e.getMessage());
        byte[] headerOnly = java.util.Arrays.copyOf(good, 40);
        assertThrows(IllegalArgumentException.class, () -> JpegLsDecoder.decode(headerOnly));
    }
}
