package sbom_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"time"

	"github.com/medtrace/medtrace/sbom"
)

// Convert a CycloneDX VEX (here CISA's not_affected use case) to OpenVEX.
// The statement keeps its status and justification; what OpenVEX cannot
// say is reported, not silently dropped.
func ExampleEncodeOpenVEX() {
	f, err := os.Open("testdata/vex/Case-1/vex-not_affected.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	doc, _, err := sbom.DecodeCycloneDXVEX(context.Background(), f, sbom.VEXOptions{Name: "vex-not_affected.json"})
	if err != nil {
		fmt.Println(err)
		return
	}
	st := doc.Statements[0]
	fmt.Println(st.Vulnerability, st.Status, st.Justification)

	// OpenVEX requires a document ID, an author and a time; the caller
	// supplies them (the library never reads the clock).
	doc.ID = "https://example.invalid/vex/abc-4.2"
	doc.Author = "Example Device Maker"
	doc.Timestamp = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	var out bytes.Buffer
	losses, err := sbom.EncodeOpenVEX(&out, doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range losses {
		fmt.Println("lost:", l)
	}
	back, err := sbom.DecodeOpenVEX(context.Background(), &out, sbom.VEXOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Statements[0].Status, back.Statements[0].Products[0].ID)
	// Output:
	// CVE-2021-44228 not_affected vulnerable_code_not_present
	// lost: vulnerabilities[0].response: CycloneDX responses [will_not_fix] have no OpenVEX field
	// not_affected product-ABC
}
