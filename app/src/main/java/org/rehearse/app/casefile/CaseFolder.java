package org.rehearse.app.casefile;

import org.rehearse.simulation.pulsatile.PatientMeasurements;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rehearse.segmentation.Progress;
import org.rehearse.segmentation.dicom.DicomException;
import org.rehearse.segmentation.dicom.DicomFolderScanner;
import org.rehearse.segmentation.dicom.DicomScanResult;
import org.rehearse.segmentation.dicom.DicomSeries;
import org.rehearse.segmentation.image.LabelMap;
import org.rehearse.segmentation.nifti.NiftiLabelIo;

/**
 * A case folder: the plan {@value #CASE_FILE} ({@link CaseFile}) beside the label map {@value #SEGMENTATION_FILE}
 * (NIfTI-1, {@link NiftiLabelIo}). The DICOM images stay where they are; the plan refers to them
 * ({@link SeriesReference}) and {@link #openSeries} checks on reopening that they are still there and unchanged.
 *
 * <p>{@code case.json} (UTF-8, format version {@value CaseFile#FORMAT_VERSION}); units are in the member names:
 * <pre>
 * {
 *   "format_version": 1,
 *   "app_version": "0.1.0",
 *   "created": "2026-11-21T19:30:00.123Z",
 *   "modified": "2026-11-21T19:42:10.456Z",
 *   "series": {"dicom_folder": "/data/case7/dicom", "series_instance_uid": "1.2.3…", "slices": 164,
 *              "fingerprint": "sha256:…", "description": "CTA thorax", "modality": "CT"},
 *   "seed_lps_mm": [-2.7, -146.2, 577.7],
 *   "patient": {"systolic_mmHg": 150, "diastolic_mmHg": 80, "cardiac_output_L_min": 5.0, "heart_rate_bpm": 70,
 *               "measured_gradient_mmHg": 35},
 *   "segmentation": "segmentation.nii.gz",
 *   "candidates": [{"name": "stent", "kind": "stent", "parameters": {"positionMm": 62, …}}, …],
 *   "results": {"stent": {"peak_gradient_mmHg": 8.1, …}, …}
 * }
 * </pre>
 * {@code seed_lps_mm}, {@code patient} and {@code measured_gradient_mmHg} may be null or absent; {@code segmentation}
 * is null when the case has none yet. {@code candidates} follows {@link CandidatesFile}. Unknown top-level members are
 * ignored (a newer minor version may add some); a newer format version is refused.
 *
 * <p>Both files are written through a temporary file and an atomic rename ({@link AtomicFiles}), the label map
 * first, so that an interrupted save leaves the previous case.json (with its label map) or the new one.
 */
public final class CaseFolder {
    /** The plan's file name in a case folder. */
    public static final String CASE_FILE = "case.json";
    /** The label map's file name in a case folder. */
    public static final String SEGMENTATION_FILE = "segmentation.nii.gz";

    private CaseFolder() {
    }

    /**
     * A reopened case folder.
     *
     * @param folder       the case folder
     * @param plan         the content of case.json
     * @param segmentation the label map, or null when the case has none yet
     */
    public record Opened(Path folder, CaseFile plan, LabelMap segmentation) {
        /** @return the path of case.json in the folder */
        public Path caseFile() {
            return folder.resolve(CASE_FILE);
        }
    }

    /**
     * Saves a case into a folder (created when missing), stamping it as modified now by {@code appVersion}.
     *
     * @param folder       the case folder
     * @param plan         the plan
     * @param segmentation the label map, or null for none (an older {@value #SEGMENTATION_FILE} is then deleted)
     * @param appVersion   the version of Rehearse writing it
     * @return the plan as written (with its new modification time)
     * @throws IOException when a file cannot be written
     */
    public static CaseFile save(Path folder, CaseFile plan, LabelMap segmentation, String appVersion) throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CaseFile saved = plan.touched(now.isBefore(plan.created()) ? plan.created() : now, appVersion);
        Files.createDirectories(folder);
        if (segmentation != null) {
            AtomicFiles.write(folder.resolve(SEGMENTATION_FILE), tmp -> NiftiLabelIo.write(segmentation, tmp));
        }
        byte[] json = CandidatesFile.mapper().writeValueAsBytes(toJson(saved, segmentation != null));
        AtomicFiles.write(folder.resolve(CASE_FILE), json);
        if (segmentation == null) {
            Files.deleteIfExists(folder.resolve(SEGMENTATION_FILE));
        }
        return saved;
    }

    /**
     * Reopens a case folder: reads case.json and its label map. Does not touch the DICOM images; see
     * {@link #openSeries}.
     *
     * @param folder the case folder (or its case.json)
     * @return the case
     * @throws CaseFileException naming the case file when it is missing, malformed, of a newer format, or names a label
     *                           map that is missing or unreadable
     */
    public static Opened open(Path folder) throws CaseFileException {
        if (Files.isRegularFile(folder) && folder.getFileName().toString().equals(CASE_FILE)) {
            folder = folder.toAbsolutePath().getParent();
        }
        Path file = folder.resolve(CASE_FILE);
        if (!Files.isDirectory(folder)) {
            throw new CaseFileException(file, "no such case folder " + folder);
        }
        JsonNode root;
        try {
            root = CandidatesFile.mapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CaseFileException(file, "no case file here: " + folder + " is not a case folder");
        } catch (JsonProcessingException e) {
            throw new CaseFileException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CaseFileException(file, "cannot be read: " + e.getMessage(), e);
        }
        CaseFile plan = fromJson(root, file);
        LabelMap labels = null;
        JsonNode seg = root.get("segmentation");
        if (seg != null && !seg.isNull()) {
            if (!seg.isTextual() || !seg.asText().equals(SEGMENTATION_FILE)) {
                throw new CaseFileException(file, "'segmentation' must be \"" + SEGMENTATION_FILE + "\" or null, got " + seg);
            }
            Path segFile = folder.resolve(SEGMENTATION_FILE);
            if (!Files.isRegularFile(segFile)) {
                throw new CaseFileException(file, "the case's label map " + segFile + " is missing");
            }
            try {
                labels = NiftiLabelIo.read(segFile);
            } catch (IOException e) {
                throw new CaseFileException(file, "the case's label map cannot be read: " + e.getMessage(), e);
            }
        }
        return new Opened(folder, plan, labels);
    }

    /**
     * Finds the case's DICOM series again and checks that it is unchanged ({@link SeriesReference#verify}).
     *
     * @param opened      the reopened case
     * @param dicomFolder where to look: null for the folder stored in the case, or the folder the images were moved to
     * @param progress    progress of the folder scan
     * @return the series, ready for {@link org.rehearse.segmentation.dicom.SeriesLoader}
     * @throws CaseFileException naming the case file when the folder is gone, or the series is missing or changed
     * @throws DicomException    when the folder cannot be scanned
     */
    public static DicomSeries openSeries(Opened opened, Path dicomFolder, Progress progress)
            throws CaseFileException, DicomException {
        SeriesReference ref = opened.plan().series();
        Path dir = dicomFolder != null ? dicomFolder : ref.folder();
        if (!Files.isDirectory(dir)) {
            throw new CaseFileException(opened.caseFile(), "the DICOM folder " + dir + " of series " + ref.seriesInstanceUid()
                    + " ('" + ref.description() + "') does not exist any more; was it moved? Give its new location");
        }
        DicomScanResult scan = new DicomFolderScanner().scan(dir, progress);
        return ref.verify(opened.caseFile(), scan);
    }

    // ---- JSON ---------------------------------------------------------------------------------------------------

    static ObjectNode toJson(CaseFile c, boolean hasSegmentation) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("format_version", c.formatVersion());
        o.put("app_version", c.appVersion());
        o.put("created", c.created().toString());
        o.put("modified", c.modified().toString());
        ObjectNode s = o.putObject("series");
        SeriesReference r = c.series();
        s.put("dicom_folder", r.dicomFolder());
        s.put("series_instance_uid", r.seriesInstanceUid());
        s.put("slices", r.slices());
        s.put("fingerprint", r.fingerprint());
        s.put("description", r.description());
        s.put("modality", r.modality());
        double[] seed = c.seedLpsMm();
        if (seed == null) {
            o.putNull("seed_lps_mm");
        } else {
            o.putArray("seed_lps_mm").add(seed[0]).add(seed[1]).add(seed[2]);
        }
        PatientMeasurements p = c.patient();
        if (p == null) {
            o.putNull("patient");
        } else {
            ObjectNode pn = o.putObject("patient");
            pn.put("systolic_mmHg", p.systolicMmHg());
            pn.put("diastolic_mmHg", p.diastolicMmHg());
            pn.put("cardiac_output_L_min", p.cardiacOutputLMin());
            pn.put("heart_rate_bpm", p.heartRateBpm());
            if (!p.hasMeasuredGradient()) {
                pn.putNull("measured_gradient_mmHg");
            } else {
                pn.put("measured_gradient_mmHg", p.measuredGradientMmHg());
            }
        }
        if (hasSegmentation) {
            o.put("segmentation", SEGMENTATION_FILE);
        } else {
            o.putNull("segmentation");
        }
        o.set("candidates", CandidatesFile.toJson(c.candidates()));
        ObjectNode res = o.putObject("results");
        c.results().forEach((name, values) -> {
            ObjectNode v = res.putObject(name);
            values.forEach(v::put);
        });
        return o;
    }

    static CaseFile fromJson(JsonNode o, Path file) throws CaseFileException {
        if (!o.isObject()) {
            throw new CaseFileException(file, "expected a JSON object, got " + o.getNodeType());
        }
        int version = (int) number(o, "format_version", file, true);
        if (version > CaseFile.FORMAT_VERSION || version < 1) {
            throw new CaseFileException(file, "format version " + version + " is not supported (this Rehearse reads 1 to "
                    + CaseFile.FORMAT_VERSION + "; a newer Rehearse wrote it?)");
        }
        String app = text(o, "app_version", file);
        Instant created = instant(o, "created", file), modified = instant(o, "modified", file);
        JsonNode s = o.get("series");
        if (s == null || !s.isObject()) {
            throw new CaseFileException(file, "'series' must be an object {dicom_folder, series_instance_uid, slices, fingerprint}");
        }
        SeriesReference series;
        try {
            series = new SeriesReference(text(s, "dicom_folder", file), text(s, "series_instance_uid", file),
                    (int) number(s, "slices", file, true), text(s, "fingerprint", file),
                    s.path("description").asText(""), s.path("modality").asText(""));
        } catch (IllegalArgumentException e) {
            throw new CaseFileException(file, "series: " + e.getMessage(), e);
        }
        double[] seed = null;
        JsonNode sn = o.get("seed_lps_mm");
        if (sn != null && !sn.isNull()) {
            if (!sn.isArray() || sn.size() != 3 || !sn.get(0).isNumber() || !sn.get(1).isNumber() || !sn.get(2).isNumber()) {
                throw new CaseFileException(file, "'seed_lps_mm' must be a list of three numbers (LPS mm), got " + sn);
            }
            seed = new double[] {sn.get(0).doubleValue(), sn.get(1).doubleValue(), sn.get(2).doubleValue()};
        }
        PatientMeasurements patient = null;
        JsonNode pn = o.get("patient");
        if (pn != null && !pn.isNull()) {
            if (!pn.isObject()) {
                throw new CaseFileException(file, "'patient' must be an object, got " + pn);
            }
            JsonNode g = pn.get("measured_gradient_mmHg");
            try {
                patient = new PatientMeasurements(number(pn, "systolic_mmHg", file, false), number(pn, "diastolic_mmHg", file, false),
                        number(pn, "cardiac_output_L_min", file, false), number(pn, "heart_rate_bpm", file, false),
                        g == null || g.isNull() ? Double.NaN : number(pn, "measured_gradient_mmHg", file, false));
            } catch (IllegalArgumentException e) {
                throw new CaseFileException(file, "patient: " + e.getMessage(), e);
            }
        }
        List<CandidateSpec> candidates = CandidatesFile.parse(o.path("candidates").isMissingNode()
                ? JsonNodeFactory.instance.arrayNode() : o.get("candidates"), file);
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        JsonNode rn = o.get("results");
        if (rn != null && !rn.isNull()) {
            if (!rn.isObject()) {
                throw new CaseFileException(file, "'results' must be an object candidate name → {outcome: number}, got " + rn);
            }
            Iterator<Map.Entry<String, JsonNode>> it = rn.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isObject()) {
                    throw new CaseFileException(file, "results of '" + e.getKey() + "' must be an object {outcome: number}");
                }
                Map<String, Double> values = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> vs = e.getValue().fields();
                while (vs.hasNext()) {
                    Map.Entry<String, JsonNode> v = vs.next();
                    if (!v.getValue().isNumber()) {
                        throw new CaseFileException(file, "result '" + v.getKey() + "' of '" + e.getKey() + "' must be a number, got " + v.getValue());
                    }
                    values.put(v.getKey(), v.getValue().doubleValue());
                }
                results.put(e.getKey(), values);
            }
        }
        try {
            return new CaseFile(version, app, series, seed, patient, candidates, results, created, modified);
        } catch (IllegalArgumentException e) {
            throw new CaseFileException(file, e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String key, Path file) throws CaseFileException {
        JsonNode n = o.get(key);
        if (n == null || !n.isTextual()) {
            throw new CaseFileException(file, "'" + key + "' must be text, got " + (n == null ? "nothing" : n));
        }
        return n.asText();
    }

    private static double number(JsonNode o, String key, Path file, boolean integer) throws CaseFileException {
        JsonNode n = o.get(key);
        if (n == null || !n.isNumber() || (integer && !(n.isIntegralNumber() && n.canConvertToInt()))) {
            throw new CaseFileException(file, "'" + key + "' must be " + (integer ? "an integer" : "a number") + ", got "
                    + (n == null ? "nothing" : n));
        }
        return n.doubleValue();
    }

    private static Instant instant(JsonNode o, String key, Path file) throws CaseFileException {
        String t = text(o, key, file);
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new CaseFileException(file, "'" + key + "' must be an ISO-8601 UTC time like 2026-11-21T19:30:00Z, got " + t);
        }
    }
}
