package lux.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * OWASP CSV injection: every formula start is quoted, plain numbers and ordinary text are
 * left as they are.
 */
class CsvCellsTest {

    @Test
    void formulaStartsGetALeadingQuote() {
        assertThat(CsvCells.neutralise("=HYPERLINK(\"http://evil\",\"x\")"))
            .isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(CsvCells.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.neutralise("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(CsvCells.neutralise("\r=1+1")).isEqualTo("'\r=1+1");
        assertThat(CsvCells.neutralise("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(CsvCells.neutralise("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(CsvCells.neutralise("-")).isEqualTo("'-");
        assertThat(CsvCells.neutralise("+")).isEqualTo("'+");
    }

    @Test
    void plainNumbersAndTextStayReadable() {
        assertThat(CsvCells.neutralise("+49 30 1234 567")).isEqualTo("+49 30 1234 567");
        assertThat(CsvCells.neutralise("+1 (555) 010-0100")).isEqualTo("+1 (555) 010-0100");
        assertThat(CsvCells.neutralise("-42.50")).isEqualTo("-42.50");
        assertThat(CsvCells.neutralise("Ada = genius")).isEqualTo("Ada = genius");
        assertThat(CsvCells.neutralise("ada@example.com")).isEqualTo("ada@example.com");
        assertThat(CsvCells.neutralise("")).isEmpty();
        assertThat(CsvCells.neutralise(null)).isNull();
    }

}
