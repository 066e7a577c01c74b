set terminal pngcairo noenhanced size 900,500
set output '/work/main/docs/bench-small-lt-stats/size_histogram.png'
set title 'Target sizes in data/bench-small-lt (15316 present frames)'
set style fill solid 0.7
set boxwidth 0.8
set xtics rotate by -45
set grid ytics
set xlabel 'target size sqrt(w*h), px'
set ylabel 'frames'
set yrange [0:*]
plot '/work/main/docs/bench-small-lt-stats/size_histogram.dat' using 0:3:xtic(4) with boxes notitle
