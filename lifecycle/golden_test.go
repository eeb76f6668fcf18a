package lifecycle

import "flag"

// update rewrites golden files: go test ./lifecycle -update
var update = flag.Bool("update", false, "rewrite golden files")
