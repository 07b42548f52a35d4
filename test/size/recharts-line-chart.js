// The peer: a Recharts line chart with axes and a tooltip, as an app would import it.
export { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
