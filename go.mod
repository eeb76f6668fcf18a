module github.com/medtrace/medtrace

go 1.26.3

require (
	github.com/CycloneDX/cyclonedx-go v0.12.0
	github.com/google/osv-scalibr v0.5.3
	github.com/google/uuid v1.6.0
	github.com/package-url/packageurl-go v0.1.7
	github.com/pandatix/go-cvss v0.6.2
	github.com/santhosh-tekuri/jsonschema/v5 v5.3.1
	github.com/spdx/tools-golang v0.5.7
	github.com/stretchr/testify v1.12.1
	go.yaml.in/yaml/v3 v3.0.5
)

require github.com/anchore/go-struct-converter v0.1.0 // indirect
