// Command metrics-exporter plays the application that the end-to-end tests deploy: it serves
// /metrics in the Prometheus text format, and the tests decide what it says through a small
// JSON API, so a test can make a release look healthy or raise its error rate while Prometheus
// scrapes it for real.
//
// Many tests run at once against one exporter; each keeps to its own label values (a namespace
// label), sets only those series and deletes only those. The exporter holds no state beyond
// memory.
//
//	PUT    /series   {"name":"requests_total","type":"counter","labels":{"namespace":"ns1","code":"500"},
//	                  "value":0,"perSecond":2}
//	       creates or changes one series. "value" is the value now (omitted: the current value is
//	       kept, so a counter never jumps when only its rate changes); "perSecond" makes the value
//	       grow by that much every second from now on (a counter's traffic). Counters never take
//	       negative values or rates. One name has one type: a clash is 409.
//	DELETE /series?namespace=ns1[&label=value...]
//	       deletes every series carrying all the given label values (at least one is required).
//	GET    /series   the series as JSON, with their values now.
//	GET    /metrics  the Prometheus text exposition.
//	GET    /healthz  "ok".
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"math"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	dto "github.com/prometheus/client_model/go"
)

const help = "Set by the end-to-end tests through PUT /series."

type seriesSpec struct {
	Name      string            `json:"name"`
	Type      string            `json:"type"`
	Labels    map[string]string `json:"labels"`
	Value     *float64          `json:"value,omitempty"`
	PerSecond float64           `json:"perSecond"`
}

type series struct {
	name      string
	labels    map[string]string
	base      float64   // value at since
	perSecond float64   // growth per second after since
	since     time.Time // when base was set
}

func (s *series) valueAt(now time.Time) float64 {
	return s.base + s.perSecond*now.Sub(s.since).Seconds()
}

type store struct {
	mu     sync.Mutex
	kinds  map[string]dto.MetricType // one type per metric name
	series map[string]*series        // by seriesKey
}

func newStore() *store {
	return &store{kinds: map[string]dto.MetricType{}, series: map[string]*series{}}
}

func seriesKey(name string, labels map[string]string) string {
	names := make([]string, 0, len(labels))
	for n := range labels {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(name)
	for _, n := range names {
		b.WriteString("\xff" + n + "\xfe" + labels[n])
	}
	return b.String()
}

var errConflict = errors.New("conflict")

// validate says what is wrong with a spec, naming the field and what would be accepted.
func validate(spec seriesSpec) (dto.MetricType, error) {
	var kind dto.MetricType
	switch spec.Type {
	case "counter":
		kind = dto.MetricType_COUNTER
	case "gauge":
		kind = dto.MetricType_GAUGE
	default:
		return 0, fmt.Errorf(`type %q: use "counter" or "gauge"`, spec.Type)
	}
	if !model.LegacyValidation.IsValidMetricName(spec.Name) {
		return 0, fmt.Errorf("name %q: a metric name matches [a-zA-Z_:][a-zA-Z0-9_:]*", spec.Name)
	}
	for n, v := range spec.Labels {
		if !model.LegacyValidation.IsValidLabelName(n) || strings.HasPrefix(n, "__") {
			return 0, fmt.Errorf("label %q: a label name matches [a-zA-Z_][a-zA-Z0-9_]* and does not start with __", n)
		}
		if v == "" {
			return 0, fmt.Errorf("label %q: an empty value means no label in Prometheus; leave the label out", n)
		}
	}
	if math.IsNaN(spec.PerSecond) || math.IsInf(spec.PerSecond, 0) {
		return 0, fmt.Errorf("perSecond %v: use a finite number", spec.PerSecond)
	}
	if spec.Value != nil && (math.IsNaN(*spec.Value) || math.IsInf(*spec.Value, 0)) {
		return 0, fmt.Errorf("value %v: use a finite number", *spec.Value)
	}
	if kind == dto.MetricType_COUNTER {
		if spec.PerSecond < 0 {
			return 0, fmt.Errorf("perSecond %v: a counter only grows; use a gauge to go down", spec.PerSecond)
		}
		if spec.Value != nil && *spec.Value < 0 {
			return 0, fmt.Errorf("value %v: a counter is never negative", *spec.Value)
		}
	}
	return kind, nil
}

func (st *store) put(spec seriesSpec, now time.Time) (float64, error) {
	kind, err := validate(spec)
	if err != nil {
		return 0, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if have, ok := st.kinds[spec.Name]; ok && have != kind {
		return 0, fmt.Errorf("%w: %s is a %s already; one metric name has one type",
			errConflict, spec.Name, strings.ToLower(have.String()))
	}
	labels := map[string]string{}
	for n, v := range spec.Labels {
		labels[n] = v
	}
	key := seriesKey(spec.Name, labels)
	s, ok := st.series[key]
	if !ok {
		s = &series{name: spec.Name, labels: labels}
		st.series[key] = s
	}
	value := s.valueAt(now)
	if spec.Value != nil {
		value = *spec.Value
	}
	s.base, s.perSecond, s.since = value, spec.PerSecond, now
	st.kinds[spec.Name] = kind
	return value, nil
}

// remove deletes the series that carry every given label value and forgets the types of names
// left without series.
func (st *store) remove(match map[string]string) int {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := 0
	for key, s := range st.series {
		if carries(s.labels, match) {
			delete(st.series, key)
			n++
		}
	}
	used := map[string]bool{}
	for _, s := range st.series {
		used[s.name] = true
	}
	for name := range st.kinds {
		if !used[name] {
			delete(st.kinds, name)
		}
	}
	return n
}

func carries(labels, match map[string]string) bool {
	for n, v := range match {
		if labels[n] != v {
			return false
		}
	}
	return true
}

// families renders the store as metric families sorted by name, their series by labels.
func (st *store) families(now time.Time) []*dto.MetricFamily {
	st.mu.Lock()
	defer st.mu.Unlock()
	byName := map[string]*dto.MetricFamily{}
	keys := make([]string, 0, len(st.series))
	for key := range st.series {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		s := st.series[key]
		fam, ok := byName[s.name]
		if !ok {
			kind := st.kinds[s.name]
			fam = &dto.MetricFamily{Name: ptr(s.name), Help: ptr(help), Type: &kind}
			byName[s.name] = fam
		}
		m := &dto.Metric{}
		for _, n := range sortedNames(s.labels) {
			m.Label = append(m.Label, &dto.LabelPair{Name: ptr(n), Value: ptr(s.labels[n])})
		}
		v := s.valueAt(now)
		if *fam.Type == dto.MetricType_COUNTER {
			m.Counter = &dto.Counter{Value: &v}
		} else {
			m.Gauge = &dto.Gauge{Value: &v}
		}
		fam.Metric = append(fam.Metric, m)
	}
	out := make([]*dto.MetricFamily, 0, len(byName))
	for _, name := range sortedNames(byName) {
		out = append(out, byName[name])
	}
	return out
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func ptr[T any](v T) *T { return &v }

type seriesView struct {
	Name      string            `json:"name"`
	Type      string            `json:"type"`
	Labels    map[string]string `json:"labels"`
	Value     float64           `json:"value"`
	PerSecond float64           `json:"perSecond"`
}

func (st *store) list(now time.Time) []seriesView {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []seriesView{}
	for _, key := range sortedNames(st.series) {
		s := st.series[key]
		out = append(out, seriesView{
			Name: s.name, Type: strings.ToLower(st.kinds[s.name].String()), Labels: s.labels,
			Value: s.valueAt(now), PerSecond: s.perSecond,
		})
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

func (st *store) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", string(expfmt.NewFormat(expfmt.TypeTextPlain)))
		for _, fam := range st.families(time.Now()) {
			if _, err := expfmt.MetricFamilyToText(w, fam); err != nil {
				log.Printf("writing /metrics: %v", err)
				return
			}
		}
	})
	mux.HandleFunc("PUT /series", func(w http.ResponseWriter, r *http.Request) {
		var spec seriesSpec
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&spec); err != nil {
			writeError(w, http.StatusBadRequest, fmt.Errorf("body: %w; send one JSON object "+
				`{"name","type","labels","value","perSecond"}`, err))
			return
		}
		value, err := st.put(spec, time.Now())
		if errors.Is(err, errConflict) {
			writeError(w, http.StatusConflict, err)
			return
		}
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"name": spec.Name, "labels": spec.Labels, "value": value})
	})
	mux.HandleFunc("DELETE /series", func(w http.ResponseWriter, r *http.Request) {
		match := map[string]string{}
		for n, vs := range r.URL.Query() {
			if len(vs) != 1 || vs[0] == "" {
				writeError(w, http.StatusBadRequest, fmt.Errorf("label %q: give exactly one non-empty value", n))
				return
			}
			match[n] = vs[0]
		}
		if len(match) == 0 {
			writeError(w, http.StatusBadRequest, errors.New("no label given: other tests' series would go "+
				"too; delete with ?namespace=<yours>"))
			return
		}
		writeJSON(w, http.StatusOK, map[string]int{"deleted": st.remove(match)})
	})
	mux.HandleFunc("GET /series", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, st.list(time.Now()))
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	return mux
}

func main() {
	addr := flag.String("addr", "127.0.0.1:15491", "address to listen on")
	flag.Parse()
	srv := &http.Server{Addr: *addr, Handler: newStore().handler(), ReadHeaderTimeout: 5 * time.Second}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-stop
		_ = srv.Close()
	}()
	log.Printf("metrics-exporter listening on http://%s", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("metrics-exporter: %v", err)
	}
}
