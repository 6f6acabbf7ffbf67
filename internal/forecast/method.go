package forecast

import _ "embed"

// Method is METHOD.md, the method explained for a finance officer, in
// Markdown, for the web pages to serve beside the forecast.
//
//go:embed METHOD.md
var Method string
