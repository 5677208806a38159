// The web page's script: pan and zoom, hover names, a tie's evidence, an entity's ties by
// date, search, the label language and the story's steps. It reads the network from the
// JSON in #powermap-data and builds every element with createElement, textContent and
// setAttribute: no text from the file is ever parsed as markup. Ids are looked up in Maps,
// never as properties of plain objects.
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('powermap-data').textContent);
  var svg = document.getElementById('map-svg');
  var panel = {
    results: document.getElementById('results'),
    entity: document.getElementById('entity'),
    evidence: document.getElementById('evidence'),
    story: document.getElementById('story'),
    hint: document.getElementById('hint')
  };
  var tooltip = document.getElementById('tooltip');
  var search = document.getElementById('search');
  var language = data.language === 'ko' ? 'ko' : 'en';

  // Ids to positions in data.entities and data.ties, and their drawn elements.
  var entityAt = new Map();
  var tieAt = new Map();
  data.entities.forEach(function (entity, i) { entityAt.set(entity.id, i); });
  data.ties.forEach(function (tie, i) { tieAt.set(tie.id, i); });
  var entityShapes = data.entities.map(function () { return []; });
  var entityLabels = data.entities.map(function () { return []; });
  var tieLines = data.ties.map(function () { return []; });
  svg.querySelectorAll('[data-entity-id]').forEach(function (element) {
    var i = entityAt.get(element.getAttribute('data-entity-id'));
    if (i !== undefined) entityShapes[i].push(element);
  });
  svg.querySelectorAll('[data-label-of]').forEach(function (element) {
    var i = entityAt.get(element.getAttribute('data-label-of'));
    if (i !== undefined) entityLabels[i].push(element);
  });
  svg.querySelectorAll('[data-tie-id]').forEach(function (element) {
    var i = tieAt.get(element.getAttribute('data-tie-id'));
    if (i !== undefined) tieLines[i].push(element);
  });

  // An element with attributes and children; strings become text nodes.
  function el(tag, attributes, children) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      element.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) element.append(child);
    });
    return element;
  }

  function pick(names) { return names ? names[language] : ''; }
  function entityName(i) { return pick(data.entities[i].names); }
  function tieParticipants(tie) { return tie.participants.map(entityName).join(' \u2013 '); }

  var precisionText = { year: 'known to the year', month: 'known to the month', day: 'known to the day' };
  function dateText(tie) {
    return tie.date ? tie.date + ' (' + (precisionText[tie.precision] || tie.precision) + ')' : 'undated';
  }

  // A button that looks like a link and does `action`.
  function linkButton(text, action, attributes) {
    var button = el('button', Object.assign({ type: 'button', 'class': 'link' }, attributes || {}), [text]);
    button.addEventListener('click', action);
    return button;
  }

  function webAddress(url) {
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }

  // --- The view: pan with a drag, zoom with the wheel, around the pointer. ---
  var box = svg.viewBox.baseVal;
  var whole = { x: box.x, y: box.y, w: box.width, h: box.height };
  var view = Object.assign({}, whole);
  // Shows `next` (a region of the map, in its pixels), kept to the map's shape and between
  // a sixtieth of the map and four times it.
  function setView(next) {
    var w = Math.min(Math.max(next.w, whole.w / 60), whole.w * 4);
    var h = w * (whole.h / whole.w);
    var cx = next.x + next.w / 2, cy = next.y + next.h / 2;
    view = { x: cx - w / 2, y: cy - h / 2, w: w, h: h };
    svg.setAttribute('viewBox', view.x + ' ' + view.y + ' ' + view.w + ' ' + view.h);
  }
  function toMap(clientX, clientY) {
    var matrix = svg.getScreenCTM();
    if (!matrix) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    var point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }
  function zoomAt(point, factor) {
    var ratio = Math.min(Math.max(view.w * factor, whole.w / 60), whole.w * 4) / view.w;
    setView({ x: point.x - (point.x - view.x) * ratio, y: point.y - (point.y - view.y) * ratio, w: view.w * ratio, h: view.h * ratio });
  }
  function zoomCentre(factor) { zoomAt({ x: view.x + view.w / 2, y: view.y + view.h / 2 }, factor); }
  // Centres the map on a point of it, `width` of its pixels across.
  function centreOn(x, y, width) {
    var w = width || view.w;
    var h = w * (whole.h / whole.w);
    setView({ x: x - w / 2, y: y - h / 2, w: w, h: h });
  }
  // Shows these entities, with a margin.
  function frameEntities(indexes) {
    var left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
    indexes.forEach(function (i) {
      var entity = data.entities[i];
      left = Math.min(left, entity.x); right = Math.max(right, entity.x);
      top = Math.min(top, entity.y); bottom = Math.max(bottom, entity.y);
    });
    if (!indexes.length) { setView(whole); return; }
    var width = Math.max(right - left, (bottom - top) * (whole.w / whole.h), whole.w / 5) * 1.5;
    centreOn((left + right) / 2, (top + bottom) / 2, Math.min(width, whole.w));
  }

  svg.addEventListener('wheel', function (event) {
    event.preventDefault();
    var lines = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    zoomAt(toMap(event.clientX, event.clientY), Math.exp(event.deltaY * lines * 0.0015));
  }, { passive: false });

  var drag = null;
  var dragged = false;
  svg.addEventListener('pointerdown', function (event) {
    if (event.button !== 0) return;
    drag = { id: event.pointerId, x: event.clientX, y: event.clientY, view: Object.assign({}, view) };
    dragged = false;
  });
  svg.addEventListener('pointermove', function (event) {
    if (!drag || drag.id !== event.pointerId) return;
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!dragged) {
      dragged = true;
      svg.setPointerCapture(event.pointerId);
      svg.classList.add('panning');
      hideTooltip();
    }
    var matrix = svg.getScreenCTM();
    var scale = matrix ? matrix.a : 1;
    setView({ x: drag.view.x - dx / scale, y: drag.view.y - dy / scale, w: drag.view.w, h: drag.view.h });
  });
  function endDrag(event) {
    if (!drag || drag.id !== event.pointerId) return;
    drag = null;
    svg.classList.remove('panning');
  }
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);

  document.getElementById('zoom-in').addEventListener('click', function () { zoomCentre(1 / 1.4); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoomCentre(1.4); });
  document.getElementById('zoom-fit').addEventListener('click', function () { setView(whole); });

  // --- Hover names. ---
  function hideTooltip() { tooltip.hidden = true; }
  function hovered(target) {
    var element = target.closest && target.closest('[data-entity-id], [data-label-of], [data-tie-id]');
    if (!element || !svg.contains(element)) return null;
    if (element.hasAttribute('data-tie-id')) {
      var tie = tieAt.get(element.getAttribute('data-tie-id'));
      return tie === undefined ? null : { tie: tie };
    }
    var id = element.getAttribute('data-entity-id') || element.getAttribute('data-label-of');
    var entity = entityAt.get(id);
    return entity === undefined ? null : { entity: entity };
  }
  svg.addEventListener('pointerover', function (event) {
    if (drag && dragged) return;
    var thing = hovered(event.target);
    if (!thing) { hideTooltip(); return; }
    var lines;
    if (thing.tie !== undefined) {
      var tie = data.ties[thing.tie];
      lines = [tie.kind + (tie.status ? ' (' + tie.status + ')' : '') + (tie.date ? ' \u00b7 ' + tie.date : ''), tieParticipants(tie)];
    } else {
      var entity = data.entities[thing.entity];
      var other = language === 'ko' ? entity.names.en : entity.names.ko;
      lines = [entityName(thing.entity), entity.kind + (other !== entityName(thing.entity) ? ' \u00b7 ' + other : '')];
    }
    tooltip.replaceChildren(el('strong', {}, [lines[0]]), el('br'), lines[1]);
    tooltip.hidden = false;
    placeTooltip(event);
  });
  svg.addEventListener('pointermove', function (event) { if (!tooltip.hidden) placeTooltip(event); });
  svg.addEventListener('pointerleave', hideTooltip);
  function placeTooltip(event) {
    var x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 4);
    var y = Math.min(event.clientY + 16, window.innerHeight - tooltip.offsetHeight - 4);
    tooltip.style.left = Math.max(x, 0) + 'px';
    tooltip.style.top = Math.max(y, 0) + 'px';
  }

  // --- What stands out: the rest of the map fades. ---
  var marked = [];
  function mark(element, className) { element.classList.add(className); marked.push([element, className]); }
  function clearMarks() {
    marked.forEach(function (pair) { pair[0].classList.remove(pair[1]); });
    marked = [];
    svg.classList.remove('focus');
  }
  // Highlights the entities and ties given (and the entities those ties join).
  function highlight(entities, ties) {
    svg.classList.add('focus');
    var all = new Set(entities);
    ties.forEach(function (t) {
      tieLines[t].forEach(function (line) { mark(line, 'on'); });
      data.ties[t].participants.forEach(function (e) { all.add(e); });
    });
    all.forEach(function (e) {
      entityShapes[e].concat(entityLabels[e]).forEach(function (element) { mark(element, 'on'); });
    });
  }

  // --- The panel: an entity and its ties by date, a tie and its evidence. ---
  var shown = { entity: null, tie: null }; // to draw it again in another language
  function showHint() {
    panel.hint.hidden = !(panel.entity.hidden && panel.evidence.hidden && panel.results.hidden && panel.story.hidden);
  }
  function facts() {
    var list = el('dl', { 'class': 'facts' });
    list.add = function (term, value) { if (value) list.append(el('dt', {}, [term]), el('dd', {}, [value])); };
    return list;
  }

  // Shows a tie's evidence; `besides` keeps what stands out and the entity shown.
  function showTie(t, besides) {
    var tie = data.ties[t];
    if (!besides) {
      panel.entity.hidden = true;
      shown.entity = null;
      clearMarks();
      highlight([], [t]);
    }
    tieLines[t].forEach(function (line) { mark(line, 'selected'); });
    var list = facts();
    var participants = el('span');
    tie.participants.forEach(function (e, n) {
      if (n > 0) participants.append(', ');
      participants.append(linkButton(entityName(e), function () { showEntity(e, false); }));
    });
    list.add('Participants', participants);
    list.add('Date', dateText(tie));
    list.add('Place', pick(tie.place));
    list.add('Amount', tie.amount);
    list.add('Status', tie.status);
    var items = tie.evidence.map(function (evidence) {
      var source = evidence.source === null ? null : data.sources[evidence.source];
      var line = el('p', { 'class': 'source' });
      if (source) {
        line.append([pick(source.outlet), source.title, source.author, source.published].filter(Boolean).join(' \u00b7 '));
        var url = webAddress(source.url);
        if (url) {
          line.append(' \u00b7 ');
          line.append(el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, ['Read the article']));
        }
      }
      return el('li', {}, [
        el('blockquote', {}, [evidence.quote]),
        evidence.translation ? el('p', { 'class': 'translation', lang: 'en' }, [evidence.translation]) : null,
        line
      ]);
    });
    panel.evidence.replaceChildren(
      el('h2', {}, [tie.kind + (tie.status ? ' (' + tie.status + ')' : '')]),
      el('p', { 'class': 'subtitle' }, [tieParticipants(tie)]),
      tie.summary ? el('p', { lang: 'en' }, [tie.summary]) : null,
      list,
      el('h3', {}, [items.length === 1 ? '1 evidence item' : items.length + ' evidence items']),
      items.length ? el('ol', { 'class': 'evidence' }, items) : el('p', {}, ['No source quoted.'])
    );
    panel.evidence.hidden = false;
    shown.tie = t;
    showHint();
  }

  // Shows an entity and its ties by date, with them and its neighbours standing out;
  // `keepView` leaves the map where it is, else it frames them.
  function showEntity(e, keepView) {
    var entity = data.entities[e];
    clearMarks();
    highlight([e], entity.ties);
    entityShapes[e].forEach(function (shape) { mark(shape, 'selected'); });
    var other = language === 'ko' ? entity.names.en : entity.names.ko;
    var list = facts();
    list.add('Role', pick(entity.role));
    list.add('Group', entity.group === null ? '' : pick(data.groups[entity.group]));
    list.add('Also known as', entity.aliases.join(', '));
    var ties = entity.ties.map(function (t) {
      var tie = data.ties[t];
      var others = tie.participants.filter(function (p) { return p !== e; }).map(entityName).join(', ');
      return el('li', {}, [
        el('span', { 'class': 'date' }, [tie.date || 'undated']),
        linkButton(tie.kind + ' with ' + (others || 'itself'), function () { showTie(t, true); }, { 'data-tie': tie.id })
      ]);
    });
    panel.entity.replaceChildren(
      el('h2', {}, [entityName(e)]),
      el('p', { 'class': 'subtitle' }, [entity.kind + (other !== entityName(e) ? ' \u00b7 ' + other : '')]),
      pick(entity.description) ? el('p', {}, [pick(entity.description)]) : null,
      list,
      el('h3', {}, ['Ties by date']),
      ties.length ? el('ol', { 'class': 'ties' }, ties) : el('p', {}, ['No ties.'])
    );
    panel.entity.hidden = false;
    panel.evidence.hidden = true;
    shown = { entity: e, tie: null };
    if (!keepView) {
      var near = [e];
      entity.ties.forEach(function (t) { near = near.concat(data.ties[t].participants); });
      frameEntities(near);
    }
    showHint();
  }

  function clearPanel() {
    clearMarks();
    panel.entity.hidden = true;
    panel.evidence.hidden = true;
    shown = { entity: null, tie: null };
    showHint();
  }

  svg.addEventListener('click', function (event) {
    if (dragged) { dragged = false; return; }
    var thing = hovered(event.target);
    if (!thing) { if (!story.active) clearPanel(); return; }
    if (thing.tie !== undefined) showTie(thing.tie, false);
    else showEntity(thing.entity, true);
  });

  // --- Search: every name in every language, and the aliases. ---
  function fold(text) {
    return String(text).normalize('NFKC').toLowerCase().replace(/[\s\-\u2010-\u2015.\u00b7,]/g, '');
  }
  var searchTerms = data.entities.map(function (entity) { return entity.terms.map(fold); });
  function runSearch() {
    var query = fold(search.value);
    entityShapes.forEach(function (shapes, i) {
      shapes.concat(entityLabels[i]).forEach(function (element) { element.classList.remove('found'); });
    });
    if (!query) { panel.results.hidden = true; showHint(); return []; }
    var found = [];
    searchTerms.forEach(function (terms, i) {
      if (terms.some(function (term) { return term.indexOf(query) !== -1; })) found.push(i);
    });
    found.forEach(function (i) {
      entityShapes[i].concat(entityLabels[i]).forEach(function (element) { element.classList.add('found'); });
    });
    var items = found.slice(0, 30).map(function (i) {
      return el('li', {}, [linkButton(entityName(i), function () { showEntity(i, false); }, { 'data-entity': data.entities[i].id })]);
    });
    panel.results.replaceChildren(
      el('h2', {}, [found.length === 1 ? '1 name found' : found.length + ' names found']),
      items.length ? el('ul', { 'class': 'results' }, items) : el('p', {}, ['Nothing matches.'])
    );
    panel.results.hidden = false;
    showHint();
    return found;
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      var found = runSearch();
      if (found.length) showEntity(found[0], false);
    } else if (event.key === 'Escape') {
      search.value = '';
      runSearch();
    }
  });

  // --- The label language. ---
  var languageButtons = document.querySelectorAll('#languages [data-language]');
  function setLanguage(next) {
    language = next;
    document.documentElement.setAttribute('lang', next);
    languageButtons.forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-language') === next));
    });
    entityLabels.forEach(function (labels, i) {
      labels.forEach(function (label) { label.textContent = entityName(i); });
    });
    document.querySelectorAll('#legend [data-group]').forEach(function (span) {
      var group = data.groups[Number(span.getAttribute('data-group'))];
      if (group) span.textContent = pick(group) + ' (group)';
    });
    document.getElementById('credit').textContent = pick(data.credit);
    if (search.value) runSearch();
    var again = shown;
    if (story.active) showStep(story.step);
    if (again.entity !== null) showEntity(again.entity, true);
    if (again.tie !== null) showTie(again.tie, again.entity !== null || story.active);
  }
  languageButtons.forEach(function (button) {
    button.addEventListener('click', function () { setLanguage(button.getAttribute('data-language')); });
  });

  // --- The story, step by step. ---
  var story = { steps: data.story, step: 0, active: false };
  function showStep(n) {
    var step = story.steps[n];
    story.step = n;
    story.active = true;
    shown = { entity: null, tie: null };
    clearMarks();
    panel.entity.hidden = true;
    panel.evidence.hidden = true;
    highlight(step.entities, step.ties);
    data.ties.forEach(function (tie, t) {
      if (step.until !== null && tie.day !== null && tie.day > step.until) {
        tieLines[t].forEach(function (line) { mark(line, 'later'); });
      }
    });
    var previous = el('button', { type: 'button', 'aria-label': 'Previous step' }, ['\u2190']);
    var next = el('button', { type: 'button', 'aria-label': 'Next step' }, ['\u2192']);
    previous.disabled = n === 0;
    next.disabled = n === story.steps.length - 1;
    previous.addEventListener('click', function () { stepBy(-1); });
    next.addEventListener('click', function () { stepBy(1); });
    var leave = linkButton('Leave the story', leaveStory);
    var ties = step.ties.map(function (t) {
      var tie = data.ties[t];
      return el('li', {}, [
        el('span', { 'class': 'date' }, [tie.date || 'undated']),
        linkButton(tie.kind + ': ' + tieParticipants(tie), function () { showTie(t, true); })
      ]);
    });
    panel.story.replaceChildren(
      el('div', { 'class': 'steps' }, [previous, el('span', { 'class': 'count' }, ['Step ' + (n + 1) + ' of ' + story.steps.length]), next]),
      step.date ? el('p', { 'class': 'date' }, [step.date]) : null,
      el('p', { 'class': 'caption', id: 'caption', lang: language }, [pick(step.caption)]),
      ties.length ? el('ol', { 'class': 'ties' }, ties) : null,
      leave
    );
    panel.story.hidden = false;
    // A step without a view leaves the map where it is.
    if (step.view) {
      // The width of the map that fills the window at 1:1, as the viewBox keeps its shape.
      var fitting = Math.min(svg.clientWidth, svg.clientHeight * (whole.w / whole.h));
      centreOn(step.view.x, step.view.y, fitting / step.view.scale);
    }
    showHint();
  }
  function stepBy(delta) {
    if (!story.steps.length) return;
    var n = story.active ? story.step + delta : 0;
    showStep(Math.min(Math.max(n, 0), story.steps.length - 1));
  }
  function leaveStory() {
    story.active = false;
    clearMarks();
    panel.story.replaceChildren(el('button', { type: 'button', 'class': 'link' }, ['Play the story (\u2190 / \u2192)']));
    panel.story.firstChild.addEventListener('click', function () { showStep(0); });
    setView(whole);
    clearPanel();
  }
  document.addEventListener('keydown', function (event) {
    var typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (typing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowRight' && story.steps.length) { event.preventDefault(); stepBy(1); }
    else if (event.key === 'ArrowLeft' && story.steps.length) { event.preventDefault(); stepBy(-1); }
    else if (event.key === 'Escape') { if (story.active) leaveStory(); else clearPanel(); }
    else if (event.key === '+' || event.key === '=') zoomCentre(1 / 1.4);
    else if (event.key === '-') zoomCentre(1.4);
  });

  setLanguage(language);
  if (story.steps.length) showStep(0);
  showHint();
})();
