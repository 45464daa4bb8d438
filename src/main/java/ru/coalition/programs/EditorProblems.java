package ru.coalition.programs;

import ru.coalition.partners.TenantFileParser;
import ru.coalition.platform.PortalMsg;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A problem the program file's schema or rules found, said in the editor's language under the label of the field the
 * person typed into («Правило 1 · Списывается, баллов: не больше 25 000»), never as a JSON path and an English sentence.
 */
final class EditorProblems {

    private static final Pattern ROW = Pattern.compile("\\$\\.program\\.(thresholds|tiers\\.levels)\\[(\\d+)]\\.(.+)");

    private EditorProblems() {
    }

    static String words(TenantFileParser.Issue issue, PortalMsg msg) {
        if (issue.keyword() == null || issue.path() == null) {
            return msg.editorProblemOther();
        }
        return msg.editorProblem(field(issue.path(), msg), rule(issue, msg));
    }

    /** The label of the field a path points at; a threshold's or a tier's field says which row. */
    static String field(String path, PortalMsg msg) {
        Matcher row = ROW.matcher(path);
        if (row.matches()) {
            int n = Integer.parseInt(row.group(2)) + 1;
            String label = msg.editorFieldLabel(row.group(1).startsWith("tiers") ? "tier." + row.group(3) : "threshold." + row.group(3));
            return row.group(1).startsWith("tiers") ? msg.editorTierLegend(n) + " · " + label : msg.editorThresholdLegend(n) + " · " + label;
        }
        String key = path.replaceFirst("^\\$\\.program\\.", "").replaceFirst("^\\$\\.", "").replaceAll("\\[\\d+]", "");
        return msg.editorFieldLabel(key);
    }

    private static String rule(TenantFileParser.Issue issue, PortalMsg msg) {
        String limit = issue.limit() == null ? "" : issue.limit();
        return switch (issue.keyword()) {
            case "type" -> msg.editorRuleType(limit);
            case "minimum", "exclusiveMinimum" -> msg.editorRuleMinimum(limit);
            case "maximum", "exclusiveMaximum" -> msg.editorRuleMaximum(limit);
            case "required", "minLength" -> msg.editorRuleRequired();
            case "maxLength", "maxItems" -> msg.editorRuleTooLong();
            case "pattern", "format" -> msg.editorRuleFormat();
            case "enum", "const" -> msg.editorRuleChoice();
            case "not-a-date" -> msg.editorRuleDate();
            case "cost-above-balance" -> msg.editorRuleCostAboveBalance(limit);
            case "tier-order" -> msg.editorRuleTierOrder();
            case "first-tier-zero" -> msg.editorRuleFirstTierZero();
            default -> msg.editorRuleOther();
        };
    }
}
