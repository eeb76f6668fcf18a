package sbom

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// benchEcosystems are the ecosystems of the synthetic advisory data: purl
// type, OSV ecosystem, and a version formatter.
var benchEcosystems = []struct {
	purlType, ecosystem string
	rangeType           OSVRangeType
	version             func(a, b, c int) string
}{
	{"npm", "npm", RangeSemver, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
	{"pypi", "PyPI", RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
	{"maven", "Maven", RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
	{"golang", "Go", RangeSemver, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
	{"cargo", "crates.io", RangeSemver, func(a, b, c int) string { return fmt.Sprintf("%d.%d.%d", a, b, c) }},
	{"deb", "Debian:12", RangeEcosystem, func(a, b, c int) string { return fmt.Sprintf("%d.%d-%d", a, b, c+1) }},
}

func benchPackage(eco, i int) (osvName, purlPrefix string) {
	e := benchEcosystems[eco]
	switch e.purlType {
	case "maven":
		return fmt.Sprintf("org.example%d:lib%d", i%97, i), fmt.Sprintf("pkg:maven/org.example%d/lib%d", i%97, i)
	case "golang":
		return fmt.Sprintf("github.com/example/mod%d", i), fmt.Sprintf("pkg:golang/github.com/example/mod%d", i)
	case "deb":
		return fmt.Sprintf("lib%d", i), fmt.Sprintf("pkg:deb/debian/lib%d", i)
	}
	return fmt.Sprintf("pkg%d", i), fmt.Sprintf("pkg:%s/pkg%d", e.purlType, i)
}

// genAdvisories makes n advisories over n/4 packages spread across the
// benchmark ecosystems: one or two introduced/fixed pairs each, a CVE
// alias on every other record (a third of which are shared, joining
// records into one vulnerability), and a versions list on some.
func genAdvisories(n int) []Advisory {
	rnd := rand.New(rand.NewPCG(1, 2))
	pkgs := max(n/4, 1)
	advs := make([]Advisory, n)
	for i := range advs {
		p := rnd.IntN(pkgs)
		eco := p % len(benchEcosystems)
		e := benchEcosystems[eco]
		name, _ := benchPackage(eco, p)
		major := rnd.IntN(5)
		events := []OSVEvent{{EventIntroduced, "0"}, {EventFixed, e.version(major, rnd.IntN(10), rnd.IntN(10))}}
		if rnd.IntN(3) == 0 {
			events = append(events, OSVEvent{EventIntroduced, e.version(major+1, 0, 0)}, OSVEvent{EventFixed, e.version(major+1, rnd.IntN(10), 1)})
		}
		a := Advisory{ID: fmt.Sprintf("OSV-%07d", i), Modified: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
			Summary: "synthetic advisory",
			Affected: []OSVAffected{{Package: OSVPackage{Ecosystem: e.ecosystem, Name: name},
				Ranges: []OSVRange{{Type: e.rangeType, Events: events}}}}}
		if i%2 == 0 {
			a.Aliases = []string{fmt.Sprintf("CVE-2024-%d", i-(i%6))}
		}
		if i%10 == 0 {
			a.Affected[0].Versions = []string{e.version(major, 0, 0), e.version(major, 0, 1)}
		}
		advs[i] = a
	}
	return advs
}

// genComponents makes n components: most name packages of the advisory
// data at random versions, some name unknown packages, a few cannot be
// assessed.
func genComponents(n, advisories int) []Component {
	rnd := rand.New(rand.NewPCG(3, 4))
	pkgs := max(advisories/4, 1)
	comps := make([]Component, n)
	for i := range comps {
		p := rnd.IntN(pkgs)
		if i%10 == 9 {
			p = pkgs + i // unknown package
		}
		eco := p % len(benchEcosystems)
		e := benchEcosystems[eco]
		_, prefix := benchPackage(eco, p)
		v := e.version(rnd.IntN(6), rnd.IntN(10), rnd.IntN(10))
		if e.purlType == "golang" {
			v = "v" + v
		}
		c := Component{BOMRef: fmt.Sprintf("c%d", i), Name: "c", PURL: prefix + "@" + v}
		if i%50 == 0 {
			c.PURL = ""
		}
		comps[i] = c
	}
	return comps
}

func BenchmarkBuildIndex100k(b *testing.B) {
	advs := genAdvisories(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildIndex(context.Background(), advs, IndexOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// Live heap held by the index (and the advisories it shares).
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix, _ := BuildIndex(context.Background(), advs, IndexOptions{})
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB-index")
	runtime.KeepAlive(ix)
}

func BenchmarkMatch10kComponents(b *testing.B) {
	ix, err := BuildIndex(context.Background(), genAdvisories(100_000), IndexOptions{})
	if err != nil {
		b.Fatal(err)
	}
	comps := genComponents(10_000, 100_000)
	b.ReportAllocs()
	var rep *MatchReport
	for b.Loop() {
		if rep, err = ix.MatchComponents(context.Background(), comps); err != nil {
			b.Fatal(err)
		}
	}
	c := rep.Counts()
	b.ReportMetric(float64(c[AssessedAffected]), "affected")
	b.ReportMetric(float64(c[NotAssessed]), "not-assessed")
}

// BenchmarkMatch10kComponentsParallel matches 10k-component SBOMs from
// several goroutines against one shared index.
func BenchmarkMatch10kComponentsParallel(b *testing.B) {
	ix, err := BuildIndex(context.Background(), genAdvisories(100_000), IndexOptions{})
	if err != nil {
		b.Fatal(err)
	}
	comps := genComponents(10_000, 100_000)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := ix.MatchComponents(context.Background(), comps); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func TestBenchmarkGenerators(t *testing.T) {
	advs := genAdvisories(400)
	ix, err := BuildIndex(context.Background(), advs, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Problems()) != 0 {
		t.Fatalf("generated ranges must all be evaluable: %v", ix.Problems()[0])
	}
	rep, err := ix.MatchComponents(context.Background(), genComponents(200, 400))
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Counts()
	if c[AssessedAffected] == 0 || c[AssessedClean] == 0 || c[NotAssessed] == 0 {
		t.Fatalf("generated data must exercise every outcome: %v", c)
	}
	if ix.Snapshot().Vulnerabilities >= len(advs) {
		t.Fatal("generated aliases must join some records")
	}
}
