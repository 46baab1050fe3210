package org.rehearse.app.casefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehearse.simulation.geometry.Lesion;
import org.rehearse.simulation.repair.Repair;
import org.rehearse.simulation.repair.RepairFactory;
import org.rehearse.simulation.repair.StentRepair;
import org.rehearse.simulation.repair.VesselModel;

/** The candidates file form: reading, the errors it names, and building repairs for a vessel. */
class CandidatesFileTest {
    @TempDir
    Path tmp;

    /** A 120 mm vessel of 16 mm with a 7 mm throat at 60 mm (narrowed 55–65 mm). */
    static final VesselModel VESSEL = new VesselModel(new double[] {0, 50, 55, 60, 65, 70, 120},
            new double[] {16, 16, 12, 7, 12, 16, 16}, new boolean[7], 16);
    static final Lesion LESION = new Lesion(60, new double[] {0, 0, 0}, 7, 16, 56.25, 55, 65, true, new double[] {80, 100});

    private Path file(String json) throws Exception {
        Path f = tmp.resolve("candidates.json");
        Files.writeString(f, json);
        return f;
    }

    private String error(String json) throws Exception {
        Path f = file(json);
        CaseFileException e = assertThrows(CaseFileException.class, () -> CandidatesFile.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsTheListFormAndFillsDefaultsFromTheLesion() throws Exception {
        Path f = file("""
                [ {"name": "native", "kind": "native"},
                  {"name": "stent 18", "kind": "stent", "parameters": {"diameterMm": 18, "lengthMm": 25}},
                  {"name": "balloon", "kind": "balloon", "parameters": {"recoilPercent": 30}} ]""");
        List<CandidateSpec> specs = CandidatesFile.read(f);
        assertEquals(List.of("native", "stent 18", "balloon"), specs.stream().map(CandidateSpec::name).toList());
        List<Repair> repairs = CandidatesFile.toRepairs(specs, f, LESION, VESSEL);
        Repair stent = repairs.get(1);
        assertEquals("stent", stent.name());
        assertEquals(18.0, stent.parameters().get("diameterMm"));
        assertEquals(25.0, stent.parameters().get("lengthMm"));
        Repair defaults = RepairFactory.create("stent", LESION, VESSEL);
        assertEquals(defaults.parameters().get("positionMm"), stent.parameters().get("positionMm"), "left out: the default");
        assertEquals(defaults.parameters().get("expansionPercent"), stent.parameters().get("expansionPercent"));
        assertEquals(30.0, repairs.get(2).parameters().get("recoilPercent"));
        List<CandidatesFile.Named> named = CandidatesFile.toNamedRepairs(specs, f, LESION, VESSEL);
        assertEquals("stent 18", named.get(1).name());
        assertEquals(stent.parameters(), named.get(1).repair().parameters());
    }

    @Test
    void writeThenReadIsTheSameAndACaseFileCanServeAsCandidatesFile() throws Exception {
        List<CandidateSpec> specs = List.of(CandidateSpec.of("s", new StentRepair(60, 20, 16, 95)),
                new CandidateSpec("r", "resection", Map.of("startMm", 55.0, "endMm", 66.0)));
        Path f = tmp.resolve("out/c.json");
        CandidatesFile.write(f, specs);
        assertEquals(specs, CandidatesFile.read(f));
        assertEquals(new StentRepair(60, 20, 16, 95).parameters(), CandidatesFile.read(f).get(0).toRepair().parameters());

        Path asCase = file("{\"format_version\": 1, \"candidates\": [{\"name\": \"p\", \"kind\": \"patch\"}]}");
        assertEquals("patch", CandidatesFile.read(asCase).get(0).kind());
    }

    @Test
    void namesTheCandidateAndParameterThatIsWrong() throws Exception {
        assertTrue(error("[{\"name\": \"x\", \"kind\": \"bypass\"}]").contains("candidate 1 'x': unknown kind 'bypass'; known kinds: "
                + RepairFactory.KINDS));
        String unknownParam = error("[{\"name\": \"n\", \"kind\": \"native\"}, {\"name\": \"big stent\", \"kind\": \"stent\", "
                + "\"parameters\": {\"widthMm\": 3}}]");
        assertTrue(unknownParam.contains("candidate 2 'big stent': unknown parameter 'widthMm' for kind stent; its parameters are "
                + "[positionMm, lengthMm, diameterMm, expansionPercent]"), unknownParam);
        assertTrue(error("[{\"name\": \"s\", \"kind\": \"stent\", \"parameters\": {\"lengthMm\": -4}}]")
                .contains("candidate 1 's': parameter 'lengthMm' = -4 is invalid"));
        assertTrue(error("[{\"name\": \"b\", \"kind\": \"balloon\", \"parameters\": {\"recoilPercent\": 140}}]")
                .contains("parameter 'recoilPercent' = 140 is invalid: a percentage must be ≤ 100"));
        assertTrue(error("[{\"name\": \"b\", \"kind\": \"balloon\", \"parameters\": {\"diameterMm\": \"18\"}}]")
                .contains("parameter 'diameterMm' must be a number, got \"18\""));
        assertTrue(error("[{\"name\": \"n\", \"kind\": \"native\", \"parameters\": {\"lengthMm\": 3}}]")
                .contains("which takes no parameters"));
        assertTrue(error("[{\"name\": \"a\", \"kind\": \"stent\"}, {\"name\": \"a\", \"kind\": \"patch\"}]")
                .contains("candidate 2 'a': the name is used twice"));
        assertTrue(error("[{\"kind\": \"stent\"}]").contains("candidate 1 needs a non-blank text 'name'"));
        assertTrue(error("[{\"name\": \"a\", \"kind\": \"stent\", \"colour\": \"red\"}]").contains("unknown member 'colour'"));
        assertTrue(error("[{\"name\": \"a\", \"kind\": \"stent\"").contains("not valid JSON"));
        assertTrue(error("{\"repairs\": []}").contains("expected a JSON list of candidates"));
        assertTrue(error("[{\"name\": \"a\", \"kind\": \"stent\", \"parameters\": {\"lengthMm\": 3, \"lengthMm\": 4}}]")
                .contains("not valid JSON: Duplicate field 'lengthMm'"));
        CaseFileException missing = assertThrows(CaseFileException.class, () -> CandidatesFile.read(tmp.resolve("none.json")));
        assertTrue(missing.getMessage().endsWith("none.json: no such file"), missing.getMessage());
    }

    @Test
    void aCandidateThatDoesNotFitTheVesselIsNamedWithTheRepairsReason() throws Exception {
        Path f = file("[{\"name\": \"huge stent\", \"kind\": \"stent\", \"parameters\": {\"diameterMm\": 30}}]");
        List<CandidateSpec> specs = CandidatesFile.read(f);
        CaseFileException e = assertThrows(CaseFileException.class, () -> CandidatesFile.toRepairs(specs, f, LESION, VESSEL));
        assertTrue(e.getMessage().startsWith(f + ": candidate 1 'huge stent' (stent) does not fit this patient's vessel: "), e.getMessage());
        assertTrue(e.getMessage().contains("diameterMm = 30.0 mm is above 1.2 × the reference"), e.getMessage());
    }

    @Test
    void everyKindOfTheSimulationIsKnownWithItsParameters() {
        assertEquals(RepairFactory.KINDS, RepairKinds.kinds());
        for (String kind : RepairFactory.KINDS) {
            assertEquals(List.copyOf(RepairFactory.create(kind, LESION, VESSEL).parameters().keySet()), RepairKinds.parameterNames(kind));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CandidateSpec("s", "stent", Map.of("lengthMm", 20.0)).toRepair());
        assertTrue(e.getMessage().contains("parameter 'positionMm' is missing"), e.getMessage());
    }
}
