// Package returns is the machinery every statutory return shares: tables
// whose values keep the exact submitted text, schemas, problems located to
// the file, line, column and XML element, code lists by collection year,
// the CSV table reader, the XML scanner and summaries. Package
// returns/folder reads a return's files from disk; this package does no
// input or output of its own, so that the validation rules, which read its
// tables, compile to WebAssembly.
//
// # Adding a return
//
// A return is one package under returns/ (returns/ssda903 is the first;
// the CIN census will be returns/cin). It defines:
//
//   - its table names, as TableName constants, and a Schema for each table:
//     the columns in the DfE's order with their Kind (Columns builds the
//     list), the file name the table is written under, the first
//     collection year the table exists in (From) and the column naming the
//     child (Child);
//   - its code lists, as a codes.csv beside the package's Go files
//     (field,code,from,until,meaning, years written 2025/26, blank for
//     unbounded), embedded with go:embed and handed to NewCodeLists;
//   - if it has an XML layout, a ReadXML that calls ScanXML with an
//     XMLLayout (the root element and the ElementNames the layout knows)
//     and maps each record (the 903's CHILD; the CIN census's Child, inside the container Children) onto
//     rows, gathering them with a RowGatherer and reporting problems with
//     XMLRecord.Report, XMLRecord.ReportOnce and XMLRecord.Unknown (a large
//     file may be read in parts at once with ScanXMLParts, a mapping and a
//     RowGatherer for each part, joined in order);
//   - a Collection value tying these together, with InferYear when the
//     data can tell its collection year.
//
// CSV files need no code of the return's own: Collection.ReadCSV
// recognises each table by its headers. returns/folder reads a year's
// folder, or a folder of year folders, for any Collection. The return's
// validation rules live apart, under its own rules package (the 903's are
// returns/ssda903/rules), so that reading a return never depends on them.
//
// Every value in a Row stays the text submitted, and Kind.Check says only whether
// it has the form its column needs; which codes are valid in which year is
// the rules' judgement, not the reader's. A new kind of column (the CIN
// census writes dates as YYYY-MM-DD) is a new Kind with its check in
// Kind.Check.
package returns
