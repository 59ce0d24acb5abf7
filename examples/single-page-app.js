// The example single-page app: one outlet, whose review it replaces or removes.
const reviews = {
  'show-first': {
    id: 'spa-never-let-me-go',
    title: 'Never Let Me Go',
    rating: '4.5',
    html: `<p>Kathy remembers Hailsham, and the calm of her voice is the horror of the book.</p>
      <details data-spoiler><summary>What the students are for</summary><p>They are raised to donate their organs.</p></details>`,
  },
  'show-second': {
    id: 'spa-an-artist-of-the-floating-world',
    title: 'An Artist of the Floating World',
    rating: '4',
    html: `<p>An old painter tidies his past while his daughters try to marry well.</p>
      <p>What he did in the war <span data-spoiler>cost a pupil his freedom</span>.</p>`,
  },
};

const outlet = document.getElementById('outlet');

function open(review) {
  let widget = outlet.querySelector('review-widget');
  if (!widget) {
    widget = document.createElement('review-widget');
    outlet.append(widget);
  }
  // The same element, new attributes and new HTML: the widget re-reads itself.
  widget.setAttribute('review-id', review.id);
  widget.setAttribute('book-title', review.title);
  widget.setAttribute('book-author', 'Kazuo Ishiguro');
  widget.setAttribute('rating', review.rating);
  widget.innerHTML = review.html;
}

for (const [button, review] of Object.entries(reviews)) {
  document.getElementById(button).addEventListener('click', () => open(review));
}
document.getElementById('close').addEventListener('click', () => outlet.replaceChildren());
