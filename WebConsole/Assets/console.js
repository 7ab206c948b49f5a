// What is live on a console page, and nothing else: the event feed (Server-Sent Events from the studio's journal,
// resumed by the browser with Last-Event-ID after a drop) and SLA countdowns.
(() => {
  const feed = document.getElementById('live');
  if (feed && window.EventSource) {
    const source = new EventSource(feed.dataset.source);
    source.onmessage = message => {
      const event = JSON.parse(message.data);
      const item = document.createElement('li');
      item.className = 'new';
      const time = document.createElement('time');
      time.textContent = new Date(event.at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
      const type = document.createElement('span');
      type.className = 'type';
      type.textContent = event.type;
      item.append(time, ' ', type, ' ', event.summary); // text, never markup: summaries come from agents
      feed.prepend(item);
      while (feed.children.length > 50) feed.lastElementChild.remove();
    };
  }

  const countdowns = document.querySelectorAll('.countdown[data-due]');
  const tick = () => countdowns.forEach(element => {
    const left = Date.parse(element.dataset.due) - Date.now();
    const minutes = Math.round(Math.abs(left) / 60000);
    const text = minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
    element.textContent = left >= 0 ? `(${text} left)` : `(breached ${text} ago)`;
    element.classList.toggle('breached', left < 0);
  });
  if (countdowns.length) { tick(); setInterval(tick, 30000); }
})();
