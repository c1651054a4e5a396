#!/usr/bin/perl
# Reads a JPEG on standard input and writes, on standard output, the Photoshop thumbnail it
# carries (8BIM resource 0x040C in APP13, as Lightroom and Photoshop exports have it) as a JPEG
# whose own APP13 holds only that resource: the smallest file on which the metadata reader's
# Photoshop-thumbnail path runs, for the fuzzing seed corpus (scripts/make-test-photos.sh).
use strict;
use warnings;

binmode STDIN;
binmode STDOUT;
local $/;
my $jpeg = <STDIN>;

die "not a JPEG\n" unless substr($jpeg, 0, 2) eq "\xFF\xD8";
my ($at, $app13) = (2, undef);
while ($at + 4 <= length $jpeg) {
  my ($ff, $marker, $length) = unpack('CCn', substr($jpeg, $at, 4));
  die "no JPEG marker at byte $at\n" unless $ff == 0xFF;
  if ($marker == 0xED) {
    $app13 = substr($jpeg, $at + 4, $length - 2);
    last;
  }
  die "no APP13 block before the image data\n" if $marker == 0xDA;
  $at += 2 + $length;
}
die "no APP13 block\n" unless defined $app13;

my $signature = "Photoshop 3.0\0";
die "the APP13 block is not Photoshop's\n" unless substr($app13, 0, length $signature) eq $signature;
my $resource_at = length $signature;
while ($resource_at + 12 <= length $app13) {
  die "not an 8BIM resource at byte $resource_at of APP13\n"
    unless substr($app13, $resource_at, 4) eq '8BIM';
  my $id = unpack('n', substr($app13, $resource_at + 4, 2));
  # A Pascal string name, padded to an even length, then a 32-bit size and data padded to even.
  my $name_length = unpack('C', substr($app13, $resource_at + 6, 1));
  my $name_field = $name_length + 1 + (($name_length + 1) % 2);
  my $size_at = $resource_at + 6 + $name_field;
  my $size = unpack('N', substr($app13, $size_at, 4));
  my $padding = $size % 2;
  if ($id == 0x040C) {
    my $data = substr($app13, $size_at + 4, $size);
    # The resource's 28-byte header (format, sizes, bits) is followed by a JFIF stream.
    my $thumbnail = substr($data, 28);
    die "the Photoshop thumbnail is not a JPEG\n" unless substr($thumbnail, 0, 2) eq "\xFF\xD8";
    my $segment = $signature . '8BIM' . pack('n', $id) . "\0\0" . pack('N', $size) . $data
      . ("\0" x $padding);
    print "\xFF\xD8\xFF\xED", pack('n', 2 + length $segment), $segment, substr($thumbnail, 2);
    exit 0;
  }
  $resource_at = $size_at + 4 + $size + $padding;
}
die "no Photoshop thumbnail resource (8BIM 0x040C)\n";
