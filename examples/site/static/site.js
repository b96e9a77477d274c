// Shows each item added while the page is open, from the server's event stream.
const feed = document.currentScript.dataset.feed;
const live = document.getElementById("live");
const events = new EventSource(feed);
events.onmessage = (event) => {
  const item = JSON.parse(event.data);
  const li = document.createElement("li");
  li.textContent = item.name;
  live.appendChild(li);
};
events.onopen = () => document.body.dataset.live = "open";
