// The dashboard's behaviour: draws the charts from the view's embedded JSON (ECharts), opens a day's detail
// (click a bar or a row), and posts reviewer overrides to the qaqc-service. Everything else is htmx attributes.
(function () {
  'use strict';

  var FLAG_COLORS = {
    VALID: '#2e7d32', INVALID: '#c62828', MISSING_CA_READINGS: '#8d8d8d', INVALID_FLOW: '#ef6c00',
    NO_OPS_DATA: '#6d4c41'
  };
  var CHART_IDS = ['chart-co2', 'chart-cumulative', 'chart-ca', 'chart-flow', 'chart-ph'];

  // a chart follows its box (window resized, grid folded to one column)
  var resized = new ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      var c = echarts.getInstanceByDom(e.target);
      if (c) {
        c.resize();
      }
    });
  });

  function instance(id) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    var c = echarts.getInstanceByDom(el);
    if (!c) {
      c = echarts.init(el, null, { renderer: 'canvas' });
      resized.observe(el);
    }
    return c;
  }

  // one chart over days: the series on a value axis named yName (or the given y axes)
  function draw(id, days, yName, series, yAxis) {
    var c = instance(id);
    c.setOption({
      animation: false,
      grid: { left: 56, right: 56, top: 36, bottom: 56 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'category', data: days },
      yAxis: yAxis || { type: 'value', name: yName, scale: true },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
      series: series
    }, true);
    return c;
  }

  // the service's root path ("" locally, "/mrv" behind the load balancer)
  function root() {
    return document.body.dataset.root || '';
  }

  function dayUrl(plant, day) {
    return root() + '/dashboard/day/' + encodeURIComponent(plant) + '/' + day;
  }

  function openDay(plant, day) {
    htmx.ajax('GET', dayUrl(plant, day), { target: '#detail' });
  }

  // Enter on a focused row of the table opens its day, as a click does (an htmx trigger filter would need eval,
  // which the Content-Security-Policy forbids)
  document.addEventListener('keyup', function (e) {
    var row = e.target.closest && e.target.closest('tr[data-day]');
    if (e.key === 'Enter' && row) {
      row.click();
    }
  });

  function render() {
    var node = document.getElementById('chart-data');
    if (!node || typeof echarts === 'undefined') {
      return null;
    }
    var data = JSON.parse(node.textContent);
    var d = data.days;
    var k = data.coverage_factor;

    var co2 = draw('chart-co2', d.day, 't CO₂/day', [
      {
        name: 'CO₂ (bar colour = flag)', type: 'bar',
        data: d.co2_t.map(function (v, i) {
          return { value: v, itemStyle: { color: FLAG_COLORS[d.flag[i]] || '#999' } };
        })
      },
      {
        name: 'conservative', type: 'line', data: d.conservative_co2_t, symbolSize: 3, lineStyle: { width: 1 },
        itemStyle: { color: '#1565c0' }
      },
      {
        name: '±' + k + '·u', type: 'custom', itemStyle: { color: '#333' },
        data: d.co2_t.map(function (v, i) {
          return v == null || d.u_co2_t[i] == null ? [i, null, null] : [i, v - k * d.u_co2_t[i], v + k * d.u_co2_t[i]];
        }),
        renderItem: function (params, api) {
          if (api.value(1) == null || isNaN(api.value(1))) {
            return null;
          }
          var lo = api.coord([api.value(0), api.value(1)]);
          var hi = api.coord([api.value(0), api.value(2)]);
          var w = Math.max(2, api.size([1, 0])[0] * 0.2);
          var style = { stroke: '#333', lineWidth: 1 };
          return {
            type: 'group', children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
              { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style: style },
              { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style: style }
            ]
          };
        },
        encode: { x: 0, y: [1, 2] }, z: 10
      }
    ]);
    co2.off('click');
    co2.on('click', function (p) {
      openDay(data.plant, d.day[p.dataIndex]);
    });

    draw('chart-cumulative', d.day, 't CO₂', [
      { name: 'VALID total', type: 'line', data: d.cumulative_valid_co2_t, showSymbol: false },
      { name: 'conservative total', type: 'line', data: d.cumulative_conservative_valid_co2_t, showSymbol: false }
    ]);
    draw('chart-ca', d.day, 'mg/L', [
      { name: 'upstream (primary)', type: 'line', data: d.ca_upstream_mg_per_l },
      { name: 'downstream (secondary)', type: 'line', data: d.ca_downstream_mg_per_l }
    ]);
    draw('chart-flow', d.day, 'MGD', [
      { name: 'effluent flow', type: 'line', data: d.flow_mgd },
      {
        name: 'bypass day', type: 'scatter', symbol: 'triangle', symbolSize: 11, itemStyle: { color: '#ef6c00' },
        data: d.flow_mgd.map(function (v, i) {
          return data.bypass_flow_mgd[i] > 0 ? v : null;
        })
      }
    ]);

    var phDays = [];
    data.ph.forEach(function (s) {
      s.day.forEach(function (x) {
        if (phDays.indexOf(x) < 0) {
          phDays.push(x);
        }
      });
    });
    phDays.sort();
    var phSeries = [];
    data.ph.forEach(function (s) {
      function align(values) {
        return phDays.map(function (x) {
          var i = s.day.indexOf(x);
          return i < 0 ? null : values[i];
        });
      }
      var label = s.sensor_id + ' (' + s.point + ')';
      phSeries.push({ name: label + ' mean', type: 'line', data: align(s.mean), showSymbol: false });
      phSeries.push({ name: label + ' min', type: 'line', data: align(s.min), showSymbol: false,
        lineStyle: { type: 'dashed', width: 1 } });
      phSeries.push({ name: label + ' max', type: 'line', data: align(s.max), showSymbol: false,
        lineStyle: { type: 'dashed', width: 1 } });
      phSeries.push({ name: label + ' completeness %', type: 'bar', yAxisIndex: 1, data: align(s.completeness_pct),
        itemStyle: { opacity: 0.25 } });
    });
    draw('chart-ph', phDays, 'pH', phSeries,
      [{ type: 'value', name: 'pH', scale: true }, { type: 'value', name: '%', min: 0, max: 100 }]);
    return data;
  }

  function dispose() {
    CHART_IDS.forEach(function (id) {
      var el = document.getElementById(id);
      if (el && echarts.getInstanceByDom(el)) {
        resized.unobserve(el);
        echarts.getInstanceByDom(el).dispose();
      }
    });
  }

  function overrideSubmitted(form) {
    var detail = document.getElementById('day-detail');
    var status = document.getElementById('override-status');
    var recordId = Number(form.dataset.recordId);
    var flag = Number(form.elements.flag.value);
    var reason = form.elements.reason.value.trim();
    var flagName = form.elements.flag.options[form.elements.flag.selectedIndex].text;
    if (!flag || !reason) {
      status.textContent = 'An override needs a flag and a reason.';
      status.className = 'flash error';
      return;
    }
    if (!window.confirm('Override the flag of ' + form.dataset.recordType + ' record ' + recordId + ' to ' + flagName
        + '?\nReason: ' + reason)) {
      return;
    }
    var plant = detail.dataset.plant;
    var day = detail.dataset.day;
    fetch(detail.dataset.qaqcUrl + '/api/v1/overrides', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'dashboard' },
      body: JSON.stringify({ record_type: form.dataset.recordType, record_ids: [recordId], flag: flag, reason: reason })
    }).then(function (r) {
      return r.json().then(function (body) {
        return { ok: r.ok, body: body };
      });
    }).then(function (res) {
      if (!res.ok) {
        status.textContent = 'qaqc-service refused the override: ' + (res.body.detail || res.body.title);
        status.className = 'flash error';
        return;
      }
      status.textContent = 'Override #' + res.body.id + ' recorded by the qaqc-service; waiting for the recomputed figure…';
      status.className = 'flash ok';
      waitForOverride(plant, day, recordId, res.body.id, 40);
    }).catch(function (e) {
      status.textContent = 'The qaqc-service could not be reached: ' + e;
      status.className = 'flash error';
    });
  }

  // The figure changes once qaqc's grade event has been processed here: reload the detail until the input shows it.
  function waitForOverride(plant, day, recordId, overrideId, tries) {
    setTimeout(function () {
      htmx.ajax('GET', dayUrl(plant, day), { target: '#detail' }).then(function () {
        var row = document.querySelector('#inputs tr[data-record-id="' + recordId + '"]');
        var status = document.getElementById('override-status');
        if (row && row.textContent.indexOf('override #' + overrideId) >= 0) {
          status.textContent = 'Override #' + overrideId + ' is reflected in this figure.';
          status.className = 'flash ok';
        } else if (tries > 1) {
          status.textContent = 'Override #' + overrideId + ' recorded; waiting for the recomputed figure…';
          waitForOverride(plant, day, recordId, overrideId, tries - 1);
        } else {
          status.textContent = 'Override #' + overrideId + ' recorded; the figure has not changed yet (an approved '
            + 'day waits for approval).';
        }
      });
    }, 1500);
  }

  document.addEventListener('DOMContentLoaded', render);
  document.addEventListener('htmx:beforeSwap', function (e) {
    if (e.detail.target && e.detail.target.id === 'view') {
      dispose();
    }
  });
  document.addEventListener('htmx:afterSettle', function (e) {
    if (e.detail.target && e.detail.target.id === 'view') {
      var data = render();
      // the form shows the range the server chose (e.g. the default range of a newly chosen plant)
      if (data) {
        document.getElementById('f-from').value = data.from;
        document.getElementById('f-to').value = data.to;
      }
    }
    if (e.detail.target && e.detail.target.id === 'detail' && e.detail.requestConfig
        && e.detail.requestConfig.triggeringEvent) {
      e.detail.target.scrollIntoView({ block: 'nearest' });
    }
  });
  // an emptied date field means "the default range", not an unparsable date
  document.addEventListener('htmx:configRequest', function (e) {
    ['from', 'to'].forEach(function (name) {
      var p = e.detail.parameters;
      var value = typeof p.get === 'function' ? p.get(name) : p[name];
      if (value === '') {
        if (typeof p.delete === 'function') {
          p.delete(name);
        } else {
          delete p[name];
        }
      }
    });
  });

  // an expired session goes back to sign-in; any other refusal is said, not swallowed
  document.addEventListener('htmx:responseError', function (e) {
    var status = e.detail.xhr.status;
    if (status === 401) {
      window.location.href = root() + '/dashboard/sign-in?next=' + encodeURIComponent(
        window.location.pathname.substring(root().length) + window.location.search);
      return;
    }
    var box = document.getElementById('request-error');
    var type = e.detail.xhr.getResponseHeader('Content-Type') || '';
    box.textContent = type.indexOf('text/plain') === 0 ? e.detail.xhr.responseText
      : type.indexOf('application/problem+json') === 0 ? problemDetail(e.detail.xhr.responseText, status)
      : 'The request failed (HTTP ' + status + (status === 403 ? ': your roles do not allow it' : '') + ').';
    box.hidden = false;
  });
  // a refused request's problem document: its detail names the parameter at fault and why
  function problemDetail(text, status) {
    try {
      var p = JSON.parse(text);
      return (p.title || 'The request failed') + ': ' + (p.detail || 'HTTP ' + status);
    } catch (err) {
      return 'The request failed (HTTP ' + status + ').';
    }
  }
  document.addEventListener('htmx:beforeRequest', function () {
    var box = document.getElementById('request-error');
    if (box) {
      box.hidden = true;
    }
  });
  document.addEventListener('click', function (e) {
    if (e.target.closest('[data-close-detail]')) {
      document.getElementById('detail').innerHTML = '';
    }
  });
  document.addEventListener('submit', function (e) {
    var form = e.target.closest('form.override');
    if (form) {
      e.preventDefault();
      overrideSubmitted(form);
    }
  });
})();
