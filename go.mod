module github.com/medtrace/medtrace

go 1.26
