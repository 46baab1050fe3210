package org.rehearse.simulation.hemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rehearse.simulation.repair.VesselModel;

class SteadyStenosisModelTest {

    @Test
    void youngTsaiMatchesHandCalculation() {
        // D0 = 18 mm, D1 = 6.3 mm, L = 8 mm, Q = 100 mL/s, steady:
        // A0 = 2.54469e-4 m², A1 = 3.11725e-5 m², A0/A1 = (18/6.3)² = 8.16327, U = Q/A0 = 0.392975 m/s
        // La = 0.83·0.008 + 1.64·0.0063 = 0.016972 m, Kv = 32·(0.016972/0.018)·8.16327² = 2010.66
        // viscous = Kv·μ·U/D0 = 2010.66·3.5e-3·0.392975/0.018 = 153.64 Pa
        // turbulent = 1.52·1060/2·(8.16327 − 1)²·0.392975² = 6383.69 Pa → total 6537.33 Pa = 49.03 mmHg
        double dp = SteadyStenosisModel.youngTsaiPa(0.018, 0.0063, 0.008, 100e-6, 0);
        assertEquals(6537.33, dp, 0.05);
        // inertial term alone: Ku·ρ·L·(dQ/dt)/A0 = 1.2·1060·0.008·1e-3/2.54469e-4 = 39.99 Pa
        double withInertia = SteadyStenosisModel.youngTsaiPa(0.018, 0.0063, 0.008, 100e-6, 1e-3);
        assertEquals(39.99, withInertia - dp, 0.01);
        // an unobstructed tube has no expansion loss: only the viscous term 32·(1.64·D/D)·μU/D
        double open = SteadyStenosisModel.youngTsaiPa(0.018, 0.018, 0, 100e-6, 0);
        assertEquals(32 * 1.64 * 3.5e-3 * 0.392975 / 0.018, open, 1e-3);
    }

    @Test
    void flowWaveformHasTheStatedMean() {
        SteadyStenosisModel m = new SteadyStenosisModel();
        assertEquals(0.294 / (60.0 / 70), m.systolicFraction(), 1e-3); // Weissler LVET 413 − 1.7·70 = 294 ms
        int n = 100000;
        double sum = 0;
        for (int k = 0; k < n; k++) sum += m.flowM3s(m.cycleS() * k / n);
        assertEquals(Units.lPerMinToM3s(5) * 0.7, sum / n, 1e-3 * m.meanFlowM3s());
    }

    @Test
    void straightTubeGradientIsPoiseuille() {
        double[] s = new double[101], d = new double[101];
        for (int i = 0; i <= 100; i++) {
            s[i] = i;
            d[i] = 20;
        }
        VesselModel tube = new VesselModel(s, d, new boolean[101], 20);
        SteadyStenosisModel m = new SteadyStenosisModel();
        CandidateOutcome o = m.evaluate("tube", "straight 20 mm tube", tube);
        // mean flow through 100 mm of 20 mm tube: ΔP = 128μLQ/(πd⁴) plus the Young–Tsai viscous term of an unobstructed
        // section (La = 1.64·D), both linear in Q, so the cycle mean is their sum at the mean flow
        double q = m.meanFlowM3s();
        double poiseuille = 128 * 3.5e-3 * 0.1 * q / (Math.PI * Math.pow(0.02, 4));
        double u = q / (Math.PI * 0.01 * 0.01);
        double yt = 32 * 1.64 * 3.5e-3 * u / 0.02;
        assertEquals(poiseuille + yt, o.meanGradientPa(), 0.01 * (poiseuille + yt));
        assertTrue(o.peakGradientMmHg() < 1);
    }

    @Test
    void inputsOutsideTheHumanRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SteadyStenosisModel(0, 70));
        assertThrows(IllegalArgumentException.class, () -> new SteadyStenosisModel(Double.NaN, 70));
        assertThrows(IllegalArgumentException.class, () -> new SteadyStenosisModel(5, 400));
        assertThrows(IllegalArgumentException.class, () -> new SteadyStenosisModel(5, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new SteadyStenosisModel(5, 70, 1.5, Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SteadyStenosisModel(50, 70));
        assertTrue(e.getMessage().contains("cardiac output"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SteadyStenosisModel.youngTsaiPa(0.018, 0, 0.008, 1e-4, 0));
    }

    @Test
    void unitsRoundTrip() {
        assertEquals(133.322387415, Units.mmHgToPa(1), 1e-9);
        assertEquals(10, Units.paToMmHg(Units.mmHgToPa(10)), 1e-12);
        assertEquals(5.0 / 60 * 1e-3, Units.lPerMinToM3s(5), 1e-15);
        assertEquals(5, Units.m3sToLPerMin(Units.lPerMinToM3s(5)), 1e-12);
        assertEquals(83.333, Units.m3sToMlPerS(Units.lPerMinToM3s(5)), 1e-3);
        assertEquals(1.5, Units.cmPerSToMs(150), 1e-12);
    }
}
