"""Accessibility helpers shared by the course's widgets (issue 16 item 9).

ipywidgets 8 draws its sliders with noUiSlider, whose handles (``role="slider"``) get no
accessible name and announce an internal step index. :func:`label_sliders` shows a small
inline script (no network) that names every slider handle after its widget's label and
gives it the readout as its spoken value. Plots in widgets carry their alt text through
an ``<img alt>`` in an HTML widget, see :func:`image_html` (ipywidgets' Image widget has
no alt text, and its ``tooltip`` breaks the view in ipywidgets 8.1).
"""

from __future__ import annotations

__all__ = ["SLIDER_NAMES_JS", "image_html", "label_sliders"]

SLIDER_NAMES_JS = r"""
(() => {
  if (window.__courseSliderNames) { window.__courseSliderNames(); return; }
  const fix = () => document.querySelectorAll('.widget-slider .noUi-handle').forEach(h => {
    const box = h.closest('.widget-slider');
    const label = box.querySelector('.widget-label');
    let name = (label && label.textContent.trim().replace(/:$/, '')) || 'value';
    if (box.querySelectorAll('.noUi-handle').length === 2) {
      name += h.classList.contains('noUi-handle-upper') ? ' (end)' : ' (start)';
    }
    if (h.getAttribute('aria-label') !== name) h.setAttribute('aria-label', name);
    const readout = box.querySelector('.widget-readout');
    const spoken = readout && readout.textContent.trim();
    if (spoken && h.getAttribute('aria-valuetext') !== spoken) h.setAttribute('aria-valuetext', spoken);
  });
  window.__courseSliderNames = fix;
  new MutationObserver(fix).observe(document.body,
    {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-valuenow']});
  fix();
})();
"""


def label_sliders() -> None:
    """Name the slider handles on the page (call before displaying a widget with sliders)."""
    from IPython.display import Javascript, display

    display(Javascript(SLIDER_NAMES_JS))


def image_html(png: bytes, alt: str, max_width: str = "100%") -> str:
    """A PNG as an ``<img>`` with alt text (and the same text as its tooltip), for an HTML widget."""
    import base64
    import html

    if not png:
        return ""
    data = base64.b64encode(png).decode("ascii")
    text = html.escape(alt, quote=True)
    return (f'<img src="data:image/png;base64,{data}" alt="{text}" title="{text}" '
            f'style="max-width:{max_width};height:auto">')
